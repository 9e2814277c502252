import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content';
import type { PriceBook } from '../../src/lib/costs';
import { atLoadPrices, compareAt, comparisonSvg, comparisonText, costComparisons, type CostComparison, type PriceAt } from '../../src/lib/cost-comparisons';
import { patternSizing } from '../../src/lib/iac/sizing';
import type { PatternExampleId } from '../../src/lib/pattern-costs';

const content = loadContent({ content: 'content', docs: 'src/content/docs' });
const book: PriceBook = Object.fromEntries(content.prices.map((entry) => [entry.data.service, entry.data]));

const toy: CostComparison = {
	title: 'Toy',
	x: { label: 'Things a month', unit: 'things', min: 1, max: 1_000_000 },
	series: [
		{ pattern: 'serverless-rest-api', key: 'n', label: 'Per thing', name: 'per thing' },
		{ pattern: 'container-microservice', key: 'n', label: 'Flat', name: 'flat' },
	],
	note: '',
};

/** A cost per thing against a flat fee: they cross where n x rate = fee. */
const linearAndFlat =
	(rate: number, fee: number): PriceAt =>
	(pattern, load) =>
		pattern === 'serverless-rest-api' ? (load['n'] ?? 0) * rate : fee;

describe('where two architectures cross', () => {
	it('finds the first whole load at which the flat fee becomes cheaper', () => {
		// 0.01 a thing against 123.45: equal at 12,345 things, cheaper flat from 12,346.
		const data = compareAt(toy, linearAndFlat(0.01, 123.45));
		expect(data.crossovers).toEqual([{ x: 12_346, cheaper: 1 }]);
		expect(comparisonText(toy, data)).toMatch(/^Below about 12K things a month, per thing costs less; from about 12K things a month, flat does\./);
	});

	it('finds every crossing of a stepped line', () => {
		// A fee that doubles at 100,000 things crosses the per-thing line twice more.
		const price: PriceAt = (pattern, load) => {
			const n = load['n'] ?? 0;
			return pattern === 'serverless-rest-api' ? n * 0.001 : n < 100_000 ? 50 : 150;
		};
		expect(compareAt(toy, price).crossovers).toEqual([
			{ x: 50_001, cheaper: 1 },
			{ x: 100_000, cheaper: 0 },
			{ x: 150_001, cheaper: 1 },
		]);
	});

	it('says so when the lines never cross', () => {
		const data = compareAt(toy, linearAndFlat(0.000001, 100));
		expect(data.crossovers).toEqual([]);
		expect(comparisonText(toy, data)).toMatch(/^Per thing costs less at every load from 1 to 1M things a month: the lines do not cross\./);
	});

	it('draws one line per series and a mark per crossing, with the words as its description', () => {
		const data = compareAt(toy, linearAndFlat(0.01, 123.45));
		const svg = comparisonSvg(toy, data, { title: 't', desc: 'd' }, 'A <b>words</b> text');
		expect(svg.match(/<polyline /g)).toHaveLength(2);
		expect(svg.match(/class="crossover"/g)).toHaveLength(1);
		expect(svg).toContain('<desc id="d">A &lt;b&gt;words&lt;/b&gt; text</desc>');
		expect(svg).not.toMatch(/style=|NaN/);
	});
});

describe("the site's comparisons", () => {
	const sizes = new Map<PatternExampleId, ReturnType<typeof patternSizing>>();
	const sized = (id: PatternExampleId) => sizes.get(id) ?? sizes.set(id, patternSizing(join(process.cwd(), 'content', 'patterns', id))).get(id)!;
	const price = atLoadPrices(sized, book);

	it('put the serverless API and the container service level where per-request charges meet the hourly ones', () => {
		const comparison = costComparisons['api-serverless-vs-containers'];
		const { crossovers } = compareAt(comparison, price);
		expect(crossovers).toHaveLength(1);
		const [{ x, cheaper }] = crossovers as [{ x: number; cheaper: 0 | 1 }];
		expect(cheaper).toBe(1);
		// Worked by hand: below the scaling threshold the container bills its idle month plus capacity
		// units from new connections (25 a second to the LCU, each request its own connection); the
		// serverless API bills each request's HTTP API request, Lambda request and GB-seconds, and one
		// read and one write unit.
		const rate = (service: string, id: string) => {
			const p = book[service]!.prices.find((q) => q.id === id)!;
			return p.value / p.per;
		};
		const fn = sized('serverless-rest-api').functions[0]!;
		const perRequest =
			rate('api-gateway', 'http-api-requests') +
			rate('lambda', 'requests') +
			0.4 * (fn.memoryMb / 1024) * rate('lambda', 'duration-x86') +
			rate('dynamodb', 'on-demand-reads') +
			rate('dynamodb', 'on-demand-writes');
		const containerIdle = price('container-microservice', { requests: 0 });
		const lcuPerRequest = 1 / (730 * 3600) / 25;
		const containerPerRequest = lcuPerRequest * 730 * rate('elb', 'alb-lcu');
		const level = containerIdle / (perRequest - containerPerRequest);
		expect(Math.abs(x - level)).toBeLessThanOrEqual(1);
	});

	it('price every series from its pattern at every load, the event pipeline below the queue worker throughout', () => {
		const data = compareAt(costComparisons['jobs-events-vs-schedules'], price);
		for (const ys of data.ys) for (const y of ys) expect(Number.isFinite(y)).toBe(true);
		expect(data.crossovers).toEqual([]);
		expect(data.ys[0].every((y, i) => y < data.ys[1][i]!)).toBe(true);
	});
});
