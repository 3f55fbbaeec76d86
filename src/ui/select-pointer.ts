import {asciiGlyphs} from './glyphs.js';

/*
What ink-select-input takes from the `figures` package: the pointer before the chosen item. The
bundle puts this in its place (scripts/bundle.mjs, plugin `select-pointer`): `figures` builds its
whole symbol table and replacement regex when loaded (~10 ms before the first frame), and it
decides Unicode or not by its own rules; here the pointer follows the TUI's glyph set (AZS_ASCII).
*/
const selectPointer = {pointer: asciiGlyphs ? '>' : '❯'};

export default selectPointer;
