export { precompress } from './precompress';
