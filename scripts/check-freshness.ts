/**
 * `npm run check:freshness`: lists every price and free-tier allowance checked more than
 * MAX_AGE_MONTHS ago, oldest first. It reports and exits 0: prices age by the calendar, and a
 * stale price is work to schedule, not a broken build.
 */
import { loadContent } from '../src/lib/content.ts';
import { isoDate } from '../src/lib/pricing.ts';

const MAX_AGE_MONTHS = Number(process.env.MAX_AGE_MONTHS ?? 12);
const today = process.env.TODAY ? new Date(process.env.TODAY) : new Date();
const cutoff = new Date(today);
cutoff.setUTCMonth(cutoff.getUTCMonth() - MAX_AGE_MONTHS);

const { prices, problems } = loadContent({ content: 'content', docs: 'src/content/docs' });
if (problems.length > 0) console.warn(`(${problems.length} content problems; run npm test for details)`);

const rows = prices.flatMap(({ file, data }) =>
	[...data.prices, ...data.freeTier].map((item) => ({ file, id: item.id, item: item.item, checked: item.checked, source: item.source }))
);
const stale = rows.filter((row) => row.checked < cutoff).sort((a, b) => a.checked.getTime() - b.checked.getTime());
const oldest = rows.reduce<Date | undefined>((min, row) => (!min || row.checked < min ? row.checked : min), undefined);

console.log(`${rows.length} prices in ${prices.length} files; oldest checked ${oldest ? isoDate(oldest) : 'n/a'}.`);
if (stale.length === 0) {
	console.log(`None is older than ${MAX_AGE_MONTHS} months (before ${isoDate(cutoff)}).`);
} else {
	console.log(`${stale.length} checked before ${isoDate(cutoff)}, oldest first:`);
	for (const row of stale) console.log(`  ${isoDate(row.checked)}  ${row.file}  ${row.id}  (${row.item})  ${row.source}`);
}
