// esbuild bundles a view's CSS imports into dist/webviews/<view>.css, loaded by the panel's HTML.
declare module '*.css';
