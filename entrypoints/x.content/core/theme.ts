export type Theme = 'light' | 'dim' | 'dark';

/** X's three backgrounds: Default (white), Dim (#15202B), Lights out (black). */
const DIM = [21, 32, 43];

/**
 * Reads X's theme, which X writes as the body's inline background colour (every saved page does), so
 * reading it costs no style recalculation. Only when it is missing, and the caller allows it (once per
 * navigation), is the computed style asked for, which would force one. Null: unknown without it.
 */
export function themeReader(doc: Document = document): (allowComputed: boolean) => Theme | null {
  // Read on every batch and almost never changed: the raw attribute is a cheap key for the last answer.
  let last: { style: string | null; theme: Theme } = { style: null, theme: 'light' };
  return (allowComputed) => {
    const body = doc.body;
    if (!body) return null;
    const style = body.getAttribute('style');
    if (style && style === last.style) return last.theme;
    const colour = body.style.backgroundColor || (allowComputed ? getComputedStyle(body).backgroundColor : '');
    if (!colour) return null;
    last = { style: body.style.backgroundColor ? style : null, theme: themeOf(colour) };
    return last.theme;
  };
}

function themeOf(colour: string): Theme {
  const [r = 255, g = 255, b = 255, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  if (a === 0) return 'light';
  if (r === DIM[0] && g === DIM[1] && b === DIM[2]) return 'dim';
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
}
