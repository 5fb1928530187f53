/**
 * Where JSON text first goes wrong, as line and column (1-based). JSON.parse's messages differ between
 * engines and often carry no position, so this re-reads the text with a small strict scanner. Only called
 * after JSON.parse failed, on text whose nesting is already known to be bounded.
 */
export function locateJsonError(text: string): { line: number; column: number; message: string } {
  const failure = scan(text);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < failure.offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: failure.offset - lineStart + 1, message: failure.message };
}

class Failure {
  constructor(readonly offset: number, readonly message: string) {}
}

function scan(text: string): Failure {
  let i = 0;
  const describe = () => (i >= text.length ? 'the end of the text' : JSON.stringify(text[i]));
  const fail = (expected: string) => new Failure(i, `expected ${expected}, found ${describe()}`);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else throw fail('a value');
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) throw new Failure(i, 'control character inside a string');
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Failure(i, 'invalid \\u escape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else throw new Failure(i, 'invalid escape in a string');
      } else i++;
    }
    throw new Failure(i, 'unterminated string');
  };
  const number = () => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!match) throw fail('a value');
    i += match[0].length;
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') throw fail('a property name in double quotes');
        string();
        skipSpace();
        if (text[i] !== ':') throw fail("':'");
        i++;
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else throw fail("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else throw fail("',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else throw fail('a value');
  };
  try {
    value();
    skipSpace();
    return i < text.length ? fail('the end of the text') : new Failure(i, 'invalid JSON');
  } catch (caught) {
    if (caught instanceof Failure) return caught;
    throw caught;
  }
}
