import { createElement, type ReactElement } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { mdxComponents } from './components';

/** Turns compiled lesson code into a React element with the lesson components (server side). */
export function renderMdx(code: string): ReactElement {
  return createElement(getMDXComponent(code), { components: mdxComponents });
}
