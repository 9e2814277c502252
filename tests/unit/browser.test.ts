import { describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../../src/lib/browser';

describe('chromiumExecutable', () => {
	it('prefers CHROMIUM_PATH when that file exists', () => {
		expect(chromiumExecutable({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
	});

	it('ignores a CHROMIUM_PATH that does not exist', () => {
		const found = chromiumExecutable({ CHROMIUM_PATH: '/nonexistent/chromium' });
		expect(found).not.toBe('/nonexistent/chromium');
	});
});
