/**
 * A Vite plugin that adjusts how Starlight's search box drives Pagefind's UI, in the one script
 * that creates it (Starlight passes only its own schema's options through):
 * - it waits `searchDebounceMs` after a keystroke before searching instead of Pagefind UI's 300 ms,
 *   so results follow typing within the time tests/perf's search measurement holds it to;
 * - it drops the meta fields that exist only to rank results (`hiddenMetaFields`) from what the
 *   result shows, so each result keeps one tag, its category;
 * - it passes each query through `processTerm`, which drops "vs" and "versus".
 * It fails the build when the script no longer has the code it changes (after a Starlight upgrade:
 * check whether the change is still needed).
 */
import type { Plugin } from 'vite';
import { hiddenMetaFields, processTerm, searchDebounceMs } from '../lib/search-config';

const searchScript = /[\\/]@astrojs[\\/]starlight[\\/].*[\\/]Search\.astro\?astro&type=script/;
/** Starlight 0.42's `new PagefindUI({ ...pagefindUserConfig,` */
const options = /new PagefindUI\(\{\s*\.\.\.pagefindUserConfig,/;
/** Its `processResult: (result...) => {`, which rewrites each result's URLs. */
const processResult = /processResult:\s*\(result(?::[^)]*)?\)\s*=>\s*\{/;

export function adjustSearchScript(code: string, id: string): string {
	if (!options.test(code) || !processResult.test(code)) {
		throw new Error(`${id}: Starlight's search script no longer creates Pagefind's UI the way src/plugins/search-ui.ts expects. Check whether the adjustment is still needed, then update or remove the plugin.`);
	}
	const drop = hiddenMetaFields.map((field) => `delete result.meta[${JSON.stringify(field)}];`).join(' ');
	return code
		.replace(options, (found) => `${found} debounceTimeoutMs: ${searchDebounceMs}, processTerm: ${processTermSource()},`)
		.replace(processResult, (found) => `${found} if (result.meta) { ${drop} }`);
}

/** processTerm's source as a function expression the browser can run. */
export function processTermSource(): string {
	const source = processTerm.toString();
	return source.startsWith('function') ? `(${source})` : `(function ${source})`;
}

export function searchUi(): Plugin {
	return {
		name: 'aws-patterns:search-ui',
		transform(code, id) {
			return searchScript.test(id) ? { code: adjustSearchScript(code, id), map: null } : undefined;
		},
	};
}
