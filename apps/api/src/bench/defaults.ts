// Where the England-scale bench data lives, shared by `npm run bench:data` (which makes it) and `npm run bench`.
export const BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/care_assist_bench';
export const BENCH_DATA_DIR = './data/bench';
export const BENCH_INDEX = 'services';
