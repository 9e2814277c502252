import type { APIRoute } from 'astro';
import { skillZip } from '../../lib/skill';
import { exportOptions } from '../../lib/export-site';

/** The agent skill (SKILL.md, references, proven examples, scripts) as one deterministic zip. */
export const GET: APIRoute = () => new Response(Buffer.from(skillZip(exportOptions)), { headers: { 'Content-Type': 'application/zip' } });
