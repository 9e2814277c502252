import { describe, expect, it } from 'vitest';
import { replaceTocQuery } from '../../src/plugins/fast-toc';

describe('replaceTocQuery', () => {
	const starlight = 'init = () => {\n\t\tconst toObserve = document.querySelectorAll([\n\t\t\t`main :where(${h})`,\n\t\t\t`main > *`\n\t\t].join());\n\t\tobserve(toObserve);\n\t};';

	it('swaps the selector query for the replacement and imports it', () => {
		const code = replaceTocQuery(starlight, 'starlight-toc.js');
		expect(code).toMatch(/^import \{ tocTargets as __tocTargets \} from ".*toc-targets\.ts";\n/);
		expect(code).toContain('const toObserve = __tocTargets(this.tocHeadingSelector);');
		expect(code).not.toContain('querySelectorAll([');
		expect(code).toContain('observe(toObserve);');
	});

	it('fails, naming the file, when Starlight no longer has the code it replaces', () => {
		expect(() => replaceTocQuery('const toObserve = [...document.querySelectorAll(selector)];', '/x/starlight-toc.js')).toThrow(/\/x\/starlight-toc\.js: .*fast-toc\.ts/);
	});
});
