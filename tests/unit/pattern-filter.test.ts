import { describe, expect, it } from 'vitest';
import { readPatternFilter } from '../../src/lib/pattern-filter';

const choices = { category: ['apis', 'data'], service: ['lambda', 'dynamodb'] };

describe('readPatternFilter', () => {
	it('reads the choices a link names', () => {
		expect(readPatternFilter('?category=data&service=lambda', choices)).toEqual({ category: 'data', service: 'lambda', notice: '' });
		expect(readPatternFilter('', choices)).toEqual({ category: '', service: '', notice: '' });
		expect(readPatternFilter('?service=', choices)).toEqual({ category: '', service: '', notice: '' });
	});

	it('falls back to every pattern, with a notice, for values that are not choices', () => {
		for (const hostile of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'x'.repeat(10_000), 'lаmbda' /* Cyrillic a */, 'LAMBDA', ' lambda']) {
			const read = readPatternFilter(`?service=${encodeURIComponent(hostile)}`, choices);
			expect(read).toEqual({ category: '', service: '', notice: 'The link names no such service; showing every service.' });
		}
	});

	it('ignores a repeated key rather than guess which value was meant', () => {
		expect(readPatternFilter('?category=apis&category=data&service=dynamodb', choices)).toEqual({
			category: '',
			service: 'dynamodb',
			notice: 'The link names no such category; showing every category.',
		});
		expect(readPatternFilter('?category=nope&service=nope', choices).notice).toBe('The link names no such category or service; showing every category and every service.');
	});
});
