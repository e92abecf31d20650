const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence more often than a URL: "see https://x.test/a." */
const TRAILING = /[.,;:!?*_~]+$/;
const ENTITY = /&(?:amp|#0*38|#x0*26);/gi;

/** Drops a closing bracket the URL did not open: "(see https://x.test/a)". */
function trimUnbalanced(url: string): string {
  let result = url.replace(TRAILING, '');
  for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
    while (result.endsWith(close) && result.split(close).length > result.split(open).length) {
      result = result.slice(0, -1).replace(TRAILING, '');
    }
  }
  return result;
}

function isHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function linksIn(body: string, decodeAmpersands: boolean): string[] {
  return [...body.matchAll(URL_CANDIDATE)]
    .map((match) => trimUnbalanced(decodeAmpersands ? match[0].replace(ENTITY, '&') : match[0]))
    .filter(isHttpUrl);
}

/**
 * Every http(s) URL in a mail's text and html bodies, each once, in order of appearance (text
 * first). In html, `&amp;` inside a URL is the attribute encoding of `&`, so it is decoded.
 */
export function extractLinks(text: string, html?: string): string[] {
  return [...new Set([...linksIn(text, false), ...(html === undefined ? [] : linksIn(html, true))])];
}
