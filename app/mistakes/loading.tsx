export { default } from '@/components/layout/page-loading';
