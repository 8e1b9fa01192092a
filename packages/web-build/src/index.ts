export { precompress } from './precompress';
export { launchScreen } from './splash';
export { unusedStyles } from './unused-styles';
