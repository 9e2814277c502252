import { describe, expect, it } from 'vitest';
import { adjustSearchScript, processTermSource } from '../../src/plugins/search-ui';
import { hiddenMetaFields, processTerm, searchDebounceMs } from '../../src/lib/search-config';

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
		expect(code).toContain(`...pagefindUserConfig, debounceTimeoutMs: ${searchDebounceMs}, processTerm: `);
		for (const field of hiddenMetaFields) expect(code).toContain(`delete result.meta["${field}"];`);
		expect(code).toContain('result.url = formatURL(result.url);');
	});

	it('fails, naming the file, when Starlight no longer creates the UI the way it expects', () => {
		expect(() => adjustSearchScript(starlight.replace('...pagefindUserConfig,', '...config,'), '/x/Search.astro')).toThrow(/\/x\/Search\.astro: .*search-ui\.ts/);
		expect(() => adjustSearchScript(starlight.replace('processResult', 'transformResult'), '/x/Search.astro')).toThrow(/search-ui\.ts/);
	});
});

describe('processTerm', () => {
	it('drops comparison words and keeps the rest', () => {
		expect(processTerm('Lambda vs Fargate')).toBe('Lambda Fargate');
		expect(processTerm('SQS VS. SNS versus Kinesis')).toBe('SQS SNS Kinesis');
		expect(processTerm('EC2 or Lambda')).toBe('EC2 or Lambda');
		expect(processTerm('vsphere')).toBe('vsphere');
	});

	it('runs the same in the browser, from the source the plugin puts there', () => {
		const inBrowser = new Function(`return ${processTermSource()}`)() as (term: string) => string;
		for (const term of ['Lambda vs Fargate', 'SQS VS. SNS versus Kinesis', 'EC2 or Lambda']) expect(inBrowser(term)).toBe(processTerm(term));
	});
});
