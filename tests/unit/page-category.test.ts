import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../src/lib/page-category';

describe('categoryOf', () => {
	it.each([
		['services/lambda', 'Service'],
		['services', 'Service'],
		['decisions/compute', 'Decision guide'],
		['patterns/static-website', 'Pattern'],
		['well-architected/security', 'Well-Architected'],
		['iac/choosing', 'Infrastructure as code'],
		['tools/cost-estimator', 'Tool'],
		['', 'Overview'],
		['servicesx/lambda', 'Overview'],
	])('%s is a %s page', (slug, category) => {
		expect(categoryOf(slug)).toBe(category);
	});
});
