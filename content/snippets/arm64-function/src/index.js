// A stand-in for your own code, to measure and right-size against. Hashing is CPU-bound, so the
// elapsed time falls as you give the function more memory (Lambda adds CPU with it).
// CloudFormation inlines this file, so it stays small and needs nothing beyond Node.js itself.
const { createHash } = require('node:crypto');

const DEFAULT_ROUNDS = 10000;
// A ceiling, so a mistyped event cannot keep the function busy until its timeout.
const MAX_ROUNDS = 500000;

exports.handler = async (event) => {
  const asked = Math.trunc(Number(event?.rounds));
  const rounds = asked > 0 ? Math.min(asked, MAX_ROUNDS) : DEFAULT_ROUNDS;

  const started = performance.now();
  let digest = Buffer.alloc(32);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest();

  return {
    // "arm64" on Graviton, "x64" on x86_64: proof of what the function runs on.
    arch: process.arch,
    memoryMb: Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE),
    rounds,
    elapsedMs: Math.round(performance.now() - started),
    digest: digest.toString('hex'),
  };
};
