// `node --import tsx --import ./build/scripts/text-import-register.mjs …`: lets tsx-run code import
// .csl/.xml files as text, like the bundles do (see text-import.mjs).
import { register } from 'node:module';

register('./text-import.mjs', import.meta.url);
