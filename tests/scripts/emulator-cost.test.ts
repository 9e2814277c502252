/** cost-estimate.sh against moto_server and the real AWS CLI, and every script without credentials. See emulator.ts. */
import { expect, test } from 'vitest';
import { describeEmulator, endpoint, expectReadOnly, region, run } from './emulator';
import type { CostReport } from './reports';

describeEmulator('cost-estimate.sh, and every script without credentials, against moto_server and the real AWS CLI', () => {
	test('cost-estimate.sh totals month-to-date cost by service, and reports the forecast call that fails', async () => {
		const costs = { 'AWS Lambda': '0.5', 'Amazon DynamoDB': '0.004', 'Amazon Simple Storage Service': '1.2512' };
		const seeded = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				results: [
					{
						ResultsByTime: [
							{
								TimePeriod: { Start: '2026-12-01', End: '2026-12-06' },
								Total: {},
								Groups: Object.entries(costs).map(([service, amount]) => ({ Keys: [service], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
								Estimated: true,
							},
						],
						DimensionValueAttributes: [],
					},
				],
			}),
		});
		expect(seeded.status).toBe(201);

		const result = await run('cost-estimate.sh', ['--top', '1']);
		const report = result.report as CostReport;
		expect(report.currency).toBe('USD');
		// Costliest first, in cents: the report rounds every amount, the total after adding them up.
		expect(report.services.map((s) => [s.service, s.monthToDate])).toEqual([
			['Amazon Simple Storage Service', 1.25],
			['AWS Lambda', 0.5],
			['Amazon DynamoDB', 0],
		]);
		expect(report.total.monthToDate).toBe(1.76); // 1.2512 + 0.5 + 0.004 = 1.7552
		// moto does not implement GetCostForecast: the total's and the top service's forecasts fail.
		expect(result.code).toBe(5);
		expect(report).toMatchObject({ complete: false, exitCode: 5, total: { forecastRestOfMonth: null, monthEndEstimate: null } });
		expect(report.errors.map((e) => [e.check, e.kind])).toEqual([
			['forecast', 'error'],
			['forecast', 'error'],
		]);
		expect(result.stderr).toContain('GetCostForecast');
		expect(result.operations.filter((call) => call === 'ce get-cost-forecast')).toHaveLength(2);
		expectReadOnly(result);
	});

	test.each(['resource-audit.sh', 'security-check.sh', 'cost-estimate.sh'] as const)(
		'%s without credentials: the real CLI refuses, and the script exits 3 saying how to sign in',
		async (script) => {
			const result = await run(script, ['--region', region], {});
			expect(result.code).toBe(3);
			expect(result.report).toMatchObject({ exitCode: 3, error: { kind: 'credentials' } });
			expect(result.stderr).toContain('Unable to locate credentials');
			expect(result.stderr).toContain('aws configure');
			expect(result.operations).toEqual(['sts get-caller-identity']);
		},
	);
});
