/*
 * `npm run bench:editor`'s probes, injected into every page before its own scripts run (plain browser
 * JavaScript, so no build step can rewrite it). Exposes `window.__bench`:
 *
 * - longTasks: main-thread tasks over 50 ms (Long Tasks API), as { start, end } in page time.
 * - nodesDrawnAt: the first animation frame in which every React Flow node element the page renders is
 *   measured (none still hidden) and their number has held for a few frames, in page time (ms since
 *   navigation start); nodesDrawn: how many there were then.
 * - renders: components React rendered while counting is on, from a minimal React DevTools hook (the
 *   production build of React reports every commit to it): `nodes` counts renders of node-type
 *   components (the component React Flow draws inside each `.react-flow__node`), `byNode` per node id.
 *   Only the fibers a commit actually processed are visited, as React DevTools does it, so a commit
 *   that re-renders one node costs one node's walk.
 * - watch(doneSource): starts timing one operation: the clock starts at the last trusted input event
 *   (pointer, key, text input) after the call, and stops at the end of the first frame in which
 *   `doneSource` (a JavaScript expression) is true — a message posted from that frame's
 *   requestAnimationFrame callback runs once the frame has been rendered.
 */
(() => {
  const bench = {
    longTasks: [],
    nodesDrawnAt: null,
    nodesDrawn: 0,
    counting: true,
    renders: { nodes: 0, components: 0, commits: 0, byNode: {} },
    op: null,
    resetRenders() {
      bench.renders = { nodes: 0, components: 0, commits: 0, byNode: {} };
    },
    watch(doneSource) {
      const done = new Function(`return (${doneSource});`);
      const op = { start: null, end: null, error: null };
      bench.op = op;
      const frame = () => {
        if (bench.op !== op) return;
        let ok = false;
        try {
          ok = op.start !== null && Boolean(done());
        } catch (error) {
          op.error = String(error);
          return;
        }
        if (!ok) return requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          op.end = performance.now();
        };
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(frame);
    },
  };
  window.__bench = bench;

  for (const type of ['pointerdown', 'keydown', 'beforeinput', 'input']) {
    window.addEventListener(
      type,
      (event) => {
        if (event.isTrusted && bench.op && bench.op.end === null) bench.op.start = event.timeStamp;
      },
      { capture: true },
    );
  }

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the bench reports that it cannot tell when the page is interactive.
    bench.longTasks = null;
  }

  // Drawn: every node element the page renders is in the DOM and measured (React Flow hides a node until
  // it has measured it), and their number has not changed for STABLE_FRAMES frames. A page may draw only
  // the nodes in view (the editor does on large schemes), so the count is not fixed in advance.
  const STABLE_FRAMES = 3;
  let lastCount = -1;
  let stableFor = 0;
  const drawn = () => {
    const elements = document.querySelectorAll('.react-flow__node');
    if (elements.length === 0) return false;
    for (const element of elements) if (element.style.visibility === 'hidden') return false;
    stableFor = elements.length === lastCount ? stableFor + 1 : 0;
    lastCount = elements.length;
    return stableFor >= STABLE_FRAMES;
  };
  const pollDrawn = () => {
    if (drawn()) {
      bench.nodesDrawnAt = performance.now();
      bench.nodesDrawn = lastCount;
    }
    else requestAnimationFrame(pollDrawn);
  };
  requestAnimationFrame(pollDrawn);

  // React fiber tags (react-reconciler/src/ReactWorkTags): which fibers are components, which are
  // passed through between React Flow's node wrapper and the node component.
  const COMPONENT = new Set([0, 1, 11, 15]); // function, class, forwardRef, simple memo
  const PASS_THROUGH = new Set([10, 14]); // context provider, memo
  const HOST = 5;
  const PERFORMED_WORK = 1;
  const nodeIdOf = (fiber) => {
    let parent = fiber.return;
    while (parent && PASS_THROUGH.has(parent.tag)) parent = parent.return;
    if (!parent || parent.tag !== HOST) return null;
    const props = parent.memoizedProps;
    const className = props && typeof props.className === 'string' ? props.className : '';
    return /(^|\s)react-flow__node(\s|$)/.test(className) ? String(props['data-id']) : null;
  };
  const countCommit = (root) => {
    const renders = bench.renders;
    renders.commits++;
    const stack = [root.current];
    while (stack.length > 0) {
      const fiber = stack.pop();
      const previous = fiber.alternate;
      if (COMPONENT.has(fiber.tag) && (previous === null || (fiber.flags & PERFORMED_WORK) === PERFORMED_WORK)) {
        renders.components++;
        const id = nodeIdOf(fiber);
        if (id !== null) {
          renders.nodes++;
          renders.byNode[id] = (renders.byNode[id] || 0) + 1;
        }
      }
      // A subtree this commit did not touch keeps the very same child fibers: skip it.
      if (previous !== null && fiber.child === previous.child) continue;
      for (let child = fiber.child; child !== null; child = child.sibling) stack.push(child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onCommitFiberRoot: (_renderer, root) => {
      if (bench.counting) countCommit(root);
    },
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    setStrictMode: () => {},
  };
})();
