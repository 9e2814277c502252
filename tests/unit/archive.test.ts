import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipVariant } from '../../src/lib/archive';

const root = join(process.cwd(), 'content', 'patterns');

describe('zipVariant', () => {
	it('packs the variant and the shared function code, byte for byte, under the pattern folder', () => {
		const entries = unzipSync(zipVariant('serverless-rest-api', 'terraform'));
		const names = Object.keys(entries).sort();
		expect(names).toContain('serverless-rest-api/terraform/main.tf');
		expect(names).toContain('serverless-rest-api/src/index.js');
		expect(names.some((name) => name.includes('/cdk/'))).toBe(false);
		expect(strFromU8(entries['serverless-rest-api/terraform/main.tf']!)).toBe(readFileSync(join(root, 'serverless-rest-api/terraform/main.tf'), 'utf8'));
	});

	it('packs the GitHub workflow a pattern shares between its variants', () => {
		const entries = unzipSync(zipVariant('github-actions-deploy-role', 'cloudformation'));
		const workflow = 'github-actions-deploy-role/.github/workflows/deploy.yml';
		expect(Object.keys(entries)).toContain(workflow);
		expect(strFromU8(entries[workflow]!)).toBe(readFileSync(join(root, 'github-actions-deploy-role/.github/workflows/deploy.yml'), 'utf8'));
	});

	it('produces the same bytes on every build', () => {
		expect(zipVariant('serverless-rest-api', 'cdk')).toEqual(zipVariant('serverless-rest-api', 'cdk'));
	});
});
