/*
V8 grows its young generation under sustained allocation up to two 16 MB semi-spaces on Node 20
and two 64 MB ones on Node 24, and keeps it: a TUI that re-renders every 100 ms for days (a watch,
a long run) ends up holding 32–128 MB of resident memory for objects that live a few frames
(bench/tui-memory.ts: the JS heap in use stays ~16–20 MB after 10,000 watch iterations while
resident memory climbed past 150 MB). The semi-spaces' maximum is fixed when the process starts,
but the growth factor is read at each growth: at 1 the young generation keeps the size start-up
gave it. A few more scavenges are nothing next to a frame's render.
*/
export function stopYoungGenerationGrowth(): void {
	// node:v8 loaded here, after the first frame: nothing before it needs the module.
	process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
}
