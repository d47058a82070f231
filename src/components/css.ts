/**
 * A tag for the stylesheets the first layer needs before Lit is loaded: plain strings, so the
 * banner can show without Lit (issue #15), written as `css\`…\`` so the build's template
 * minifier (scripts/minify-templates.mjs) folds them like Lit's. Lit elements wrap them with
 * `unsafeCSS`, which is safe here: they are our own constants, never input.
 */
export const css = (strings: TemplateStringsArray, ...values: string[]): string => String.raw({ raw: strings }, ...values);
