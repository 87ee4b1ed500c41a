'use client';

import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import { useLocale, useTranslations } from 'next-intl';
import type * as Monaco from 'monaco-editor';
import { loadedMonaco, loadMonaco, setLabTypes, SOLUTION_URI, startTypeScriptService, THEMES, type MonacoApi } from './monaco-setup';
import './editor.css';

export interface EditorDiagnostic {
  line: number;
  column: number;
  message: string;
}

/** What the workspace can do with the editor once it is ready. */
export interface CodeEditorHandle {
  getValue(): string;
  /** Replaces the whole text as one undoable edit (Ctrl/Cmd+Z brings the previous text back). */
  replaceAll(code: string): void;
  focus(): void;
  /** Shows (or clears) a Run-time compile error as a marker in the text. */
  setDiagnostic(diagnostic: EditorDiagnostic | null): void;
}

function subscribeTheme(onChange: () => void) {
  window.addEventListener('themechange', onChange);
  return () => window.removeEventListener('themechange', onChange);
}
const readTheme = () => (document.documentElement.dataset.theme === 'dark' ? THEMES.dark : THEMES.light);
const serverTheme = () => THEMES.light;

/** The Monaco theme that follows the app's light/dark switch. */
export function useEditorTheme(): string {
  return useSyncExternalStore(subscribeTheme, readTheme, serverTheme);
}

function useMonaco(): { monaco: MonacoApi | null; error: string | null } {
  const locale = useLocale();
  // Already loaded (the workspace starts loading Monaco as soon as it runs): no render without it first.
  const [state, setState] = useState<{ monaco: MonacoApi | null; error: string | null }>(() => ({ monaco: loadedMonaco(), error: null }));
  useEffect(() => {
    let live = true;
    loadMonaco(locale).then(
      (monaco) => live && setState({ monaco, error: null }),
      (error: unknown) => live && setState({ monaco: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [locale]);
  return state;
}

export interface CodeEditorProps {
  initialValue: string;
  /** The lab's api.d.ts: completion and type errors for `import type { … } from './api'`. */
  apiTypes: string;
  onChange(value: string): void;
  onRun(): void;
  onSubmit(): void;
  onSave(): void;
  onReady(handle: CodeEditorHandle): void;
  ariaLabel: string;
}

function EditorLoading({ error }: { error?: string | null }) {
  const t = useTranslations('workspace');
  return (
    <div className="editor-loading" role="status" aria-live="polite">
      {error ? <span className="editor-error">{t('editor.loadError', { error })}</span> : <span>{t('editor.loading')}</span>}
    </div>
  );
}

const EDITOR_OPTIONS: Monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  fontSize: 14,
  lineHeight: 21,
  fontFamily: "ui-monospace, 'SFMono-Regular', 'Cascadia Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  tabSize: 2,
  insertSpaces: true,
  renderWhitespace: 'selection',
  bracketPairColorization: { enabled: true },
  fixedOverflowWidgets: true,
  padding: { top: 8, bottom: 8 },
  accessibilitySupport: 'auto',
  tabFocusMode: false,
};

export function CodeEditor({ initialValue, apiTypes, onChange, onRun, onSubmit, onSave, onReady, ariaLabel }: CodeEditorProps) {
  const { monaco, error } = useMonaco();
  const theme = useEditorTheme();
  const host = useRef<HTMLDivElement | null>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onRun, onSubmit, onSave, onReady });
  useEffect(() => {
    callbacks.current = { onChange, onRun, onSubmit, onSave, onReady };
  });
  // Read when the editor is created only: later values come through the effects below, never a new editor.
  const created = useRef({ initialValue, theme, ariaLabel });

  useEffect(() => {
    if (monaco) setLabTypes(monaco, apiTypes);
  }, [monaco, apiTypes]);

  // The editor is created straight away, in the commit that shows its host (not after the extra renders of a
  // wrapper component), and reports ready at once: it paints the learner's code in the next frame.
  useLayoutEffect(() => {
    const m = monaco;
    const element = host.current;
    if (!m || !element) return;
    const { initialValue: value, theme: startTheme, ariaLabel: label } = created.current;
    const uri = m.Uri.parse(SOLUTION_URI);
    const existing = m.editor.getModel(uri);
    const model = existing ?? m.editor.createModel(value, 'typescript', uri);
    if (existing && existing.getValue() !== value) existing.setValue(value);
    const editor = m.editor.create(element, { ...EDITOR_OPTIONS, model, theme: startTheme, ariaLabel: label });
    editorRef.current = editor;
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => callbacks.current.onRun());
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyMod.Shift | m.KeyCode.Enter, () => callbacks.current.onSubmit());
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => callbacks.current.onSave());
    // The TypeScript worker waits until the learner reaches for the code (see startTypeScriptService).
    editor.onDidFocusEditorText(startTypeScriptService);
    editor.onMouseMove(startTypeScriptService);
    editor.onDidChangeModelContent(() => callbacks.current.onChange(editor.getValue()));
    const handle: CodeEditorHandle = {
      getValue: () => editor.getValue(),
      replaceAll(code) {
        const current = editor.getModel();
        if (!current) return;
        editor.pushUndoStop();
        editor.executeEdits('workspace', [{ range: current.getFullModelRange(), text: code }]);
        editor.pushUndoStop();
      },
      focus: () => editor.focus(),
      setDiagnostic(d) {
        const current = editor.getModel();
        if (!current) return;
        if (!d) {
          m.editor.setModelMarkers(current, 'run', []);
          return;
        }
        m.editor.setModelMarkers(current, 'run', [
          { severity: m.MarkerSeverity.Error, message: d.message, startLineNumber: d.line, startColumn: d.column, endLineNumber: d.line, endColumn: d.column + 1 },
        ]);
        editor.revealLineInCenterIfOutsideViewport(d.line);
        editor.setPosition({ lineNumber: d.line, column: d.column });
      },
    };
    callbacks.current.onReady(handle);
    return () => {
      editorRef.current = null;
      editor.dispose();
      model.dispose();
    };
  }, [monaco]);

  useEffect(() => {
    if (monaco && editorRef.current) monaco.editor.setTheme(theme);
  }, [monaco, theme]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel]);

  if (!monaco) return <EditorLoading error={error} />;
  // The same frame as @monaco-editor/react's (which the diff view still uses), so the layout is the same.
  return (
    <section style={{ display: 'flex', position: 'relative', textAlign: 'initial', width: '100%', height: '100%' }}>
      <div ref={host} className="code-editor" style={{ width: '100%' }} />
    </section>
  );
}

export interface CodeDiffProps {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
}

/** Read-only side-by-side diff (a previous submission against the current draft). */
export function CodeDiff({ original, modified, originalLabel, modifiedLabel }: CodeDiffProps) {
  const t = useTranslations('workspace');
  const { monaco, error } = useMonaco();
  const theme = useEditorTheme();
  if (!monaco) return <EditorLoading error={error} />;
  return (
    <div className="code-diff" role="group" aria-label={t('diff.label', { original: originalLabel, modified: modifiedLabel })}>
      <div className="code-diff-labels" aria-hidden="true">
        <span>{originalLabel}</span>
        <span>{modifiedLabel}</span>
      </div>
      <div className="code-diff-body">
        <DiffEditor
          height="100%"
          language="typescript"
          original={original}
          modified={modified}
          originalModelPath="file:///diff/submission.ts"
          modifiedModelPath="file:///diff/draft.ts"
          theme={theme}
          loading={<EditorLoading />}
          options={{
            readOnly: true,
            originalEditable: false,
            automaticLayout: true,
            renderSideBySide: true,
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            fontSize: 13,
            renderOverviewRuler: false,
          }}
        />
      </div>
    </div>
  );
}

export default CodeEditor;
