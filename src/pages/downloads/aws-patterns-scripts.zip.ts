import type { APIRoute } from 'astro';
import { scriptsZip } from '../../lib/scripts';

export const GET: APIRoute = () => new Response(Buffer.from(scriptsZip()), { headers: { 'Content-Type': 'application/zip' } });
