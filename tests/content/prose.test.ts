import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTypedMoney } from '../../src/lib/prose';

function files(dir: string, match: RegExp): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => match.test(name))
		.map((name) => join(dir, name));
}

// Pages, and the data files whose prose pages render (pattern notes, decision trees).
const prose = [
	...files('src/content/docs', /\.mdx?$/),
	...files('content/patterns', /(^|\/)pattern\.yaml$/),
	...files('content/decisions', /\.ya?ml$/),
];

describe('page prose', () => {
	it('covers the pages and data files', () => {
		expect(prose.length).toBeGreaterThan(10);
	});

	it('never types a dollar figure: prices come from content/pricing/ through components', () => {
		const typed = prose.flatMap((file) =>
			findTypedMoney(readFileSync(file, 'utf8')).map(({ line, text }) => `${file}:${line}: ${text}`)
		);
		expect(typed).toEqual([]);
	});
});
