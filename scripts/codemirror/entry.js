// The CodeMirror 6 pieces the explorer's SPARQL console uses, bundled by scripts/vendor-codemirror.sh into
// one classic script that sets window.KgCodeMirror (the page has no module loader and runs from file://).
// Only what console.js calls is exported, so esbuild leaves the rest of each package out.
export { EditorState, Prec } from '@codemirror/state';
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, placeholder
} from '@codemirror/view';
export {
  syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput, syntaxTree
} from '@codemirror/language';
export { history, defaultKeymap, historyKeymap } from '@codemirror/commands';
export { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
export { classHighlighter } from '@lezer/highlight';
export { sparql } from 'codemirror-lang-sparql';
