/**
 * The occ commands in a CI script, as their arguments (after `occ`, `npx occ`, `npm run occ --` or
 * `node bin/occ.js`). A small reading of POSIX shell, enough for CI recipes: line continuations, quotes, and
 * commands separated by newlines, `;`, `&&`, `||` and `|`. Variables are kept as written, for the caller to expand.
 *
 * @example occCommands('npm ci && npx occ run --tier smoke') // [['run', '--tier', 'smoke']]
 */
export function occCommands(script: string): string[][] {
  return simpleCommands(script).flatMap((words) => {
    const argv = afterOccInvocation(words);
    return argv === undefined ? [] : [argv];
  });
}

const INVOCATIONS: readonly (readonly string[])[] = [
  ['occ'],
  ['npx', 'occ'],
  ['npx', '--no-install', 'occ'],
  ['npm', 'run', 'occ', '--'],
  ['node', 'bin/occ.js'],
];

function afterOccInvocation(words: readonly string[]): string[] | undefined {
  const invocation = INVOCATIONS.find((prefix) => prefix.every((word, i) => words[i] === word));
  return invocation === undefined ? undefined : words.slice(invocation.length);
}

/** The words of each simple command of a script, quotes removed. */
export function simpleCommands(script: string): string[][] {
  const text = script.replace(/\\\r?\n/g, ' ');
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new Error(`Unclosed ${c} in the script: ${text.slice(i, i + 40)}`);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (c === '#' && word === undefined) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline - 1;
    } else if (c === '\n' || c === ';' || c === '|' || c === '&') {
      endCommand();
      // `&&` and `||` are one separator; a lone `&` (background) ends the command too.
      if ((c === '&' || c === '|') && text.charAt(i + 1) === c) i++;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return commands;
}
