/**
 * Architectures that do the same job, priced against each other across a range of loads: the
 * monthly cost of each pattern's at-load option as one input grows, the loads where the cheaper one
 * changes, and the chart and sentences that show them. Pure: the build draws the default chart and
 * the browser redraws it when the reader changes a calculator's input on the same page.
 */
import { escapeHtml } from './example-html.ts';
import type { PriceBook } from './costs.ts';
import type { PatternSizing } from './iac/sizing.ts';
import type { Load } from './load-input.ts';
import { patternCosts, type PatternExampleId } from './pattern-costs.ts';
import { formatTotal } from './pricing.ts';

export interface ComparisonSeries {
	pattern: PatternExampleId;
	/** The pattern's input the chart's load sets. */
	key: string;
	/** The legend's label, naming the services. */
	label: string;
	/** How a sentence names it: "the serverless REST API". */
	name: string;
}

export interface CostComparison {
	title: string;
	/** The load along the chart, on a logarithmic scale from min to max. */
	x: { label: string; unit: string; min: number; max: number };
	series: [ComparisonSeries, ComparisonSeries];
	/** What the two share and what differs, so the reader knows what the lines compare. */
	note: string;
}

export const costComparisons = {
	'api-serverless-vs-containers': {
		title: 'An API on Lambda or on containers: monthly cost by requests',
		x: { label: 'Requests a month', unit: 'requests', min: 10_000, max: 1_000_000_000 },
		series: [
			{ pattern: 'serverless-rest-api', key: 'requests', label: 'Serverless REST API (HTTP API, Lambda, DynamoDB)', name: 'the serverless REST API' },
			{ pattern: 'container-microservice', key: 'requests', label: 'Container microservice (ALB, Fargate)', name: 'the container microservice' },
		],
		note: "Both serve the same requests; each line is its pattern's estimate without free allowances, with that pattern's other inputs. The serverless API pays per request, its DynamoDB read and write included; the container service pays for its running tasks and load balancer by the hour and adds tasks as the load passes what they serve. The container pattern keeps no database, so add one to its line for a like-for-like API.",
	},
	'jobs-events-vs-schedules': {
		title: 'Background jobs started by events or by schedules: monthly cost by jobs',
		x: { label: 'Jobs a month', unit: 'jobs', min: 1_000, max: 100_000_000 },
		series: [
			{ pattern: 'event-driven-pipeline', key: 'uploads', label: 'Event-driven pipeline (S3 upload, EventBridge, Lambda, DynamoDB)', name: 'the event-driven pipeline' },
			{ pattern: 'scheduled-queue-worker', key: 'jobs', label: 'Scheduled queue worker (Scheduler, SQS, Lambda)', name: 'the scheduled queue worker' },
		],
		note: "Where they overlap, both run a Lambda function once per job. The pipeline's job is an upload, priced for its function run and one DynamoDB write (S3 and EventBridge charges are not in this site's price list); the worker's job is a scheduled message, priced for the schedule, three SQS requests and its function run, and it keeps a KMS key, an alarm and Lambda's pollers billing at zero traffic. Each line is its pattern's estimate without free allowances, with that pattern's other inputs.",
	},
} satisfies Record<string, CostComparison>;

export type CostComparisonId = keyof typeof costComparisons;

/** The monthly cost of a pattern at a load. */
export type PriceAt = (pattern: PatternExampleId, load: Partial<Load>) => number;

/** Each pattern's at-load option (without free allowances), the line a chart plots; only the figures, no text. */
export function atLoadPrices(sizing: (pattern: PatternExampleId) => PatternSizing, book: PriceBook): PriceAt {
	return (pattern, load) => {
		const option = patternCosts[pattern].example(sizing(pattern), load as never).compute(book).find((o) => o.atLoad);
		if (!option) throw new Error(`src/lib/pattern-costs.ts: the example of ${pattern} marks no option atLoad.`);
		return option.estimate.total;
	};
}

export interface ComparisonData {
	xs: number[];
	/** Each series' monthly cost at each x. */
	ys: [number[], number[]];
	/** Loads where the cheaper series changes; `cheaper` is the series cheaper just above it. */
	crossovers: Array<{ x: number; cheaper: 0 | 1 }>;
}

const samples = 97;

export function compareAt(comparison: CostComparison, price: PriceAt, loads: Partial<Record<PatternExampleId, Partial<Load>>> = {}): ComparisonData {
	const { min, max } = comparison.x;
	const at = (i: 0 | 1, x: number) => {
		const series = comparison.series[i];
		return price(series.pattern, { ...loads[series.pattern], [series.key]: Math.round(x) });
	};
	const xs = Array.from({ length: samples }, (_, i) => Math.round(min * (max / min) ** (i / (samples - 1))));
	const ys: [number[], number[]] = [xs.map((x) => at(0, x)), xs.map((x) => at(1, x))];
	// The side a load is on: -1 where the first series costs less, 1 where the second does, 0 level.
	const side = (x: number) => Math.sign(at(0, x) - at(1, x));
	const crossovers: ComparisonData['crossovers'] = [];
	let cheaper = 0;
	let last = xs[0]!;
	for (let i = 0; i < xs.length; i++) {
		const x = xs[i]!;
		const now = Math.sign(ys[0][i]! - ys[1][i]!);
		if (now !== 0 && cheaper !== 0 && now !== cheaper) {
			// Halve the interval on whole loads to the first load where the other series is strictly cheaper.
			let [lo, hi] = [last, x];
			while (hi - lo > 1) {
				const mid = Math.floor((lo + hi) / 2);
				if (side(mid) === now) hi = mid;
				else lo = mid;
			}
			crossovers.push({ x: hi, cheaper: now > 0 ? 1 : 0 });
		}
		if (now !== 0) {
			cheaper = now;
			last = x;
		}
	}
	return { xs, ys, crossovers };
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** "about 14M": a crossover load, to two significant figures. */
function about(x: number): string {
	return compact.format(Number(x.toPrecision(2)));
}

/** The chart in words: which costs less where, and the cost of each at both ends. */
export function comparisonText(comparison: CostComparison, data: ComparisonData): string {
	const [a, b] = comparison.series;
	const unit = comparison.x.unit;
	const last = data.xs.length - 1;
	const ends = `At ${compact.format(data.xs[0]!)} ${unit} a month, ${a.name} costs ${formatTotal(data.ys[0][0]!)} and ${b.name} ${formatTotal(data.ys[1][0]!)}; at ${compact.format(data.xs[last]!)}, ${formatTotal(data.ys[0][last]!)} and ${formatTotal(data.ys[1][last]!)}.`;
	if (data.crossovers.length === 0) {
		const cheaper = data.ys[0][last]! <= data.ys[1][last]! ? a : b;
		return `${capital(cheaper.name)} costs less at every load from ${compact.format(data.xs[0]!)} to ${compact.format(data.xs[last]!)} ${unit} a month: the lines do not cross. ${ends}`;
	}
	const crossings = data.crossovers.map((c) => `from about ${about(c.x)} ${unit} a month, ${comparison.series[c.cheaper].name} does`);
	const first = data.crossovers[0]!;
	const below = comparison.series[first.cheaper === 0 ? 1 : 0];
	return `Below about ${about(first.x)} ${unit} a month, ${below.name} costs less; ${crossings.join('; ')}. ${ends}`;
}

function capital(text: string): string {
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

// ---------------------------------------------------------------------------------------------
// The chart: SVG with classes only (no inline styles), so the page's stylesheet themes it

const width = 640;
const height = 340;
const margin = { left: 64, right: 16, top: 16, bottom: 52 };

function decades(lo: number, hi: number): number[] {
	const out: number[] = [];
	for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
	return out;
}

const money = (v: number) => (v >= 1000 ? `$${compact.format(v)}` : v >= 1 ? `$${v}` : `$${v.toFixed(2)}`);

export function comparisonSvg(comparison: CostComparison, data: ComparisonData, ids: { title: string; desc: string }, text: string): string {
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const values = [...data.ys[0], ...data.ys[1]];
	const yLo = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...values.filter((v) => v > 0)))));
	const yHi = 10 ** Math.ceil(Math.log10(Math.max(yLo * 10, ...values)));
	const { min, max } = comparison.x;
	const px = (x: number) => margin.left + (Math.log10(x / min) / Math.log10(max / min)) * plotW;
	const py = (y: number) => margin.top + plotH - (Math.log10(Math.max(y, yLo) / yLo) / Math.log10(yHi / yLo)) * plotH;
	const f = (n: number) => n.toFixed(1);
	const xTicks = decades(min, max).filter((x) => x >= min && x <= max);
	const yTicks = decades(yLo, yHi);
	const grid = [
		...xTicks.map((x) => `<line class="grid" x1="${f(px(x))}" x2="${f(px(x))}" y1="${margin.top}" y2="${margin.top + plotH}"/><text class="tick" x="${f(px(x))}" y="${margin.top + plotH + 18}" text-anchor="middle">${compact.format(x)}</text>`),
		...yTicks.map((y) => `<line class="grid" x1="${margin.left}" x2="${margin.left + plotW}" y1="${f(py(y))}" y2="${f(py(y))}"/><text class="tick" x="${margin.left - 6}" y="${f(py(y) + 4)}" text-anchor="end">${money(y)}</text>`),
	].join('');
	const lines = data.ys
		.map((ys, i) => `<polyline class="series series-${i}" fill="none" points="${data.xs.map((x, j) => `${f(px(x))},${f(py(ys[j]!))}`).join(' ')}"/>`)
		.join('');
	const marks = data.crossovers
		.map((c) => {
			const x = px(c.x);
			return `<line class="crossover" x1="${f(x)}" x2="${f(x)}" y1="${margin.top}" y2="${margin.top + plotH}"/><text class="crossover-label" x="${f(x + 4)}" y="${margin.top + 12}">≈${about(c.x)}</text>`;
		})
		.join('');
	const axis = `<text class="axis" x="${margin.left + plotW / 2}" y="${height - 8}" text-anchor="middle">${escapeHtml(comparison.x.label)} (logarithmic)</text><text class="axis" x="14" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotH / 2})">USD a month (logarithmic)</text>`;
	return (
		`<svg class="comparison-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${ids.title} ${ids.desc}" xmlns="http://www.w3.org/2000/svg">` +
		`<title id="${ids.title}">${escapeHtml(comparison.title)}</title><desc id="${ids.desc}">${escapeHtml(text)}</desc>` +
		`${grid}${lines}${marks}${axis}</svg>`
	);
}
