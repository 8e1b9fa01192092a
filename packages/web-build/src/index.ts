export { precompress } from './precompress';
export { type PrerenderEntry, prerender, prerenderedFile, withPrerenderedRoot } from './prerender';
export { launchScreen } from './splash';
export { unusedStyles } from './unused-styles';
