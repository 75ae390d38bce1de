// The page side of benchmarks/bench_live.py, added to every page before Streamlit loads.
// Everything it records is timed with the page's own clock, in epoch milliseconds
// (performance.timeOrigin + performance.now()), in window.__probe:
//   runs      each script run as the websocket announces it: ForwardMsg new_session ("start")
//             and script_finished ("finish", with its status), with the run's id and whether it
//             is a fragment's run (metadata.run of Streamlit's own protobuf schema)
//   progress  each new text of the progress line
//   titles    each new text of the figure title under watch (probe.titleSelector)
//   inputs    each pointerdown / keydown the page received
//   busy      each long task of the page's main thread ([start, duration], 50 ms or more)
//   watches   the first moment each state under watch held (probe.watch(name, test))
//   samples   every animation frame while probe.sample(true): the least computed opacity of the
//             main area's element containers, and whether one is marked data-stale
// NEW_SESSION, SCRIPT_FINISHED, METADATA, RUN are ForwardMsg field numbers filled in by Python.
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const probe = (window.__probe = {
    runs: [],
    progress: [],
    titles: [],
    inputs: [],
    busy: [],
    watches: {},
    samples: [],
    sampling: false,
    titleSelector: null,
  });

  // The fields of a protobuf message in bytes[start, end): [number, value] for a varint,
  // [number, [from, to]] for a length-delimited field (a string, bytes or a message).
  const fields = (bytes, start, end) => {
    const found = [];
    let i = start;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    };
    while (i < end) {
      const tag = varint(), wire = tag % 8, number = Math.floor(tag / 8);
      if (wire === 0) found.push([number, varint()]);
      else if (wire === 2) {
        const length = varint();
        found.push([number, [i, i + length]]);
        i += length;
      } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  const field = (found, number) => found.find(([n]) => n === number)?.[1];

  const lifecycle = (bytes) => {
    const top = fields(bytes, 0, bytes.length);
    const started = field(top, NEW_SESSION) !== undefined;
    const status = field(top, SCRIPT_FINISHED);
    if (!started && status === undefined) return null;
    const metadata = field(top, METADATA);
    const run = metadata && field(fields(bytes, ...metadata), RUN);
    const identity = run ? fields(bytes, ...run) : [];
    const id = field(identity, 1);
    return {
      t: now(),
      kind: started ? "start" : "finish",
      status: started ? null : status,
      run: id ? new TextDecoder().decode(bytes.subarray(...id)) : null,
      fragment: identity.some(([n]) => n === 2),
    };
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const record = lifecycle(new Uint8Array(event.data));
        if (record) probe.runs.push(record);
      });
    }
  };

  const text = (selector) => document.querySelector(selector)?.textContent ?? null;
  const look = () => {
    const t = now();
    const bar = text('[data-testid="stProgress"]');
    if (bar !== null && bar !== probe.lastBar) {
      probe.lastBar = bar;
      probe.progress.push([t, bar]);
    }
    const title = probe.titleSelector && text(probe.titleSelector);
    if (title && title !== probe.lastTitle) {
      probe.lastTitle = title;
      probe.titles.push([t, title]);
    }
    for (const watch of Object.values(probe.watches)) {
      if (watch.t === null && watch.test()) watch.t = t;
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["disabled", "data-stale", "aria-valuenow", "aria-selected"],
  });
  for (const type of ["pointerdown", "keydown"]) {
    window.addEventListener(type, () => probe.inputs.push([now(), type]), true);
  }

  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      probe.busy.push([performance.timeOrigin + task.startTime, task.duration]);
    }
  }).observe({ type: "longtask" });

  probe.now = now;
  probe.watch = (name, test) => {
    const watch = (probe.watches[name] = { t: null, test });
    const frame = () => {
      look(); // also every animation frame: a property (an input's value) is no mutation
      if (watch.t === null) requestAnimationFrame(frame);
    };
    frame();
  };
  probe.sample = (on) => {
    probe.sampling = on;
    if (!on) return;
    probe.samples = [];
    const frame = () => {
      if (!probe.sampling) return;
      let least = 1, stale = false;
      const main = '[data-testid="stMain"] [data-testid="stElementContainer"]';
      for (const element of document.querySelectorAll(main)) {
        if (!element.offsetHeight) continue; // not shown (e.g. a style element)
        least = Math.min(least, parseFloat(getComputedStyle(element).opacity));
        stale = stale || element.dataset.stale === "true";
      }
      probe.samples.push([now(), least, stale]);
      look();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
})();
