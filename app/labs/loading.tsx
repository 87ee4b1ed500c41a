// No loading boundary at the root: /learn pages must answer 404 for unknown lessons before anything streams.
export { default } from '@/components/layout/page-loading';
