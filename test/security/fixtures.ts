/**
 * Parley's own, smaller set of hostile inputs: what the suite runs when the shared XSS corpus
 * (../shared/security) is not there. Written for this project to cover each family the corpus
 * covers; the corpus itself is never copied into the repository.
 */
export interface MarkupFixture {
  id: number;
  category: string;
  vector: string;
}

export interface UrlFixture {
  id: number;
  url: string;
  dangerous: boolean;
  risk: 'script' | 'spoofing' | 'none';
}

const X = '__parleyXss()';

export const MARKUP_FIXTURES: MarkupFixture[] = [
  ['html', `<script>${X}</script>`],
  ['html', `<img src=nope onerror=${X}>`],
  ['html', `<svg onload=${X}>`],
  ['html', `<body onpageshow=${X}>`],
  ['html', `<details open ontoggle=${X}>`],
  ['html', `<input autofocus onfocus=${X}>`],
  ['html', `<video><source onerror=${X}></video>`],
  ['html', `<iframe srcdoc="<script>parent.${X}</script>"></iframe>`],
  ['html', `<object data="javascript:${X}"></object>`],
  ['html', `<embed src="javascript:${X}">`],
  ['html', `<base href="javascript:${X}//">`],
  ['html', `<meta http-equiv="refresh" content="0;url=javascript:${X}">`],
  ['html', `<form action="javascript:${X}"><button>go</button></form>`],
  ['html', `<button formaction="javascript:${X}">go</button>`],
  ['html', `<img src=x one\u0000rror=${X}>`],
  ['html', `<IMG SRC=x OnErRoR=${X}>`],
  ['html', `<img/src=x/onerror=${X}>`],
  ['html', `<div onmouseover="${X}" style="position:fixed;inset:0">cover</div>`],
  ['url-scheme', `<a href="javascript:${X}">a</a>`],
  ['url-scheme', `<a href="JaVaScRiPt:${X}">a</a>`],
  ['url-scheme', `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${X}">a</a>`],
  ['url-scheme', `<a href="&#x6A;avascript&colon;${X}">a</a>`],
  ['url-scheme', `<a href="java&Tab;script:${X}">a</a>`],
  ['url-scheme', `<a href=" \u0001javascript:${X}">a</a>`],
  ['url-scheme', `<a href="\u2028javascript:${X}">a</a>`],
  ['url-scheme', `<a href="data:text/html;base64,PHNjcmlwdD5fX3BhcmxleVhzcygpPC9zY3JpcHQ+">a</a>`],
  ['url-scheme', `<a href="vbscript:msgbox(1)">a</a>`],
  ['url-scheme', `<img src="javascript:${X}">`],
  ['mxss', `<noscript><p title="</noscript><img src=x onerror=${X}>">`],
  ['mxss', `<svg><style><img src=x onerror=${X}></style></svg>`],
  ['mxss', `<math><mtext><table><mglyph><style><img src=x onerror=${X}>`],
  ['mxss', `<template><img src=x onerror=${X}></template>`],
  ['mxss', `<!--><img src=x onerror=${X}>-->`],
  ['mxss', `<textarea></textarea><img src=x onerror=${X}></textarea>`],
  ['svg-mathml', `<svg><a xlink:href="javascript:${X}"><text y="20">x</text></a></svg>`],
  ['svg-mathml', `<svg><animate attributeName="href" to="javascript:${X}" /></svg>`],
  ['svg-mathml', `<svg><script>${X}</script></svg>`],
  ['svg-mathml', `<math href="javascript:${X}">m</math>`],
  ['css', `<div style="background:url(javascript:${X})">s</div>`],
  ['css', `<style>@import 'javascript:${X}';</style>`],
  ['css', `<p style="behavior:url(x.htc)">p</p>`],
  ['attribute-breakout', `"><img src=x onerror=${X}>`],
  ['attribute-breakout', `'><svg onload=${X}>`],
  ['attribute-breakout', `\`><script>${X}</script>`],
  ['attribute-breakout', `--><script>${X}</script>`],
  ['dom-clobbering', `<img name=cookie><form id=parley><input name=attributes></form>`],
  ['dom-clobbering', `<a id=__clob href="javascript:window.__clob=1">c</a>`],
  [
    'polyglot',
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */${X} )//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${X}//>\\x3e`,
  ],
  ['encoding', `＜script＞${X}＜/script＞`],
  ['encoding', `+ADw-script+AD4-${X}+ADw-/script+AD4-`],
  ['template-injection', `{{constructor.constructor('${X}')()}}`],
  ['shadow-dom', `<div><template shadowrootmode=open><img src=x onerror=${X}></template></div>`],
  ['markdown', `[click](javascript:${X})`],
  ['js-context', `';${X};//`],
].map(([category, vector], i) => ({ id: i + 1, category: category!, vector: vector! }));

export const URL_FIXTURES: UrlFixture[] = [
  ...[
    `javascript:${X}`,
    `JAVASCRIPT:${X}`,
    ` javascript:${X}`,
    `\u0000javascript:${X}`,
    `java\tscript:${X}`,
    `java\nscript:${X}`,
    `java\rscript:${X}`,
    `javascript://%0A${X}`,
    `&#106;avascript:${X}`,
    `%6Aavascript:${X}`,
    `ｊａｖａｓｃｒｉｐｔ:${X}`,
    `data:text/html,<script>${X}</script>`,
    `data:text/html;base64,PHNjcmlwdD5fX3BhcmxleVhzcygpPC9zY3JpcHQ+`,
    `data:image/svg+xml,<svg onload="${X}">`,
    `vbscript:msgbox(1)`,
    `livescript:${X}`,
    `"><img src=x onerror=${X}>`,
    `mailto:a@b.c"><svg onload=${X}>`,
  ].map((url) => ({ url, dangerous: true, risk: 'script' as const })),
  ...[
    '//evil.parley.test',
    '\\\\evil.parley.test',
    '/\\evil.parley.test',
    'https:evil.parley.test',
    'http://chat.parley.test@evil.parley.test/',
    'https://аррӏе.com/',
    'view-source:https://example.com/',
  ].map((url) => ({ url, dangerous: true, risk: 'spoofing' as const })),
  ...[
    'https://example.com',
    'http://www.example.org/path?q=1#frag',
    'https://cdn.example.com/files/report.pdf',
    'https://img.example.com/photo.png',
    'mailto:help@example.com?subject=Hi',
    'tel:+15550100',
    '/files/a.png',
    '#top',
  ].map((url) => ({ url, dangerous: false, risk: 'none' as const })),
].map((u, i) => ({ id: i + 1, ...u }));
