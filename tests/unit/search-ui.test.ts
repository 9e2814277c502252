import { describe, expect, it } from 'vitest';
import { adjustSearchScript } from '../../src/plugins/search-ui';
import { hiddenMetaFields, searchDebounceMs } from '../../src/lib/search-config';

describe('adjustSearchScript', () => {
	// The shape of Starlight's script around the two places the plugin changes.
	const starlight = [
		'new PagefindUI({',
		'\t...pagefindUserConfig,',
		"\telement: '#starlight__search',",
		'\tprocessResult: (result: { url: string; sub_results: Array<{ url: string }> }) => {',
		'\t\tresult.url = formatURL(result.url);',
		'\t},',
		'});',
	].join('\n');

	it('sets the debounce and drops the ranking-only meta fields from each result', () => {
		const code = adjustSearchScript(starlight, 'Search.astro');
		expect(code).toContain(`...pagefindUserConfig, debounceTimeoutMs: ${searchDebounceMs},`);
		for (const field of hiddenMetaFields) expect(code).toContain(`delete result.meta["${field}"];`);
		expect(code).toContain('result.url = formatURL(result.url);');
	});

	it('fails, naming the file, when Starlight no longer creates the UI the way it expects', () => {
		expect(() => adjustSearchScript(starlight.replace('...pagefindUserConfig,', '...config,'), '/x/Search.astro')).toThrow(/\/x\/Search\.astro: .*search-ui\.ts/);
		expect(() => adjustSearchScript(starlight.replace('processResult', 'transformResult'), '/x/Search.astro')).toThrow(/search-ui\.ts/);
	});
});
