// The SessionGen dashboard: polls the snapshot once a second and shows it. Server data only ever goes into
// textContent and SVG attributes, never into markup, so a process or state name cannot inject anything.
"use strict";

(() => {
  const snapshotUrl = document.body.dataset.snapshot;
  const byId = (id) => document.getElementById(id);
  const choice = { process: null, session: null };
  let drawn = ""; // the diagram and state last drawn, so an unchanged diagram is not redrawn every second

  const reasons = {
    SessionEnded: "the session ended before handling it",
    HostStopping: "the host stopped before handling it",
    Cancelled: "its sender cancelled it",
    Expired: "it waited past its time to live",
    NotAccepted: "no reachable protocol state accepts it",
    Refused: "a transport could not deliver it",
  };

  // One request at a time: a click during a request asks for another as soon as it is answered.
  let timer = null;
  let inFlight = false;
  let again = false;

  async function refresh() {
    clearTimeout(timer);
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const query = new URLSearchParams();
    if (choice.process) query.set("process", choice.process);
    if (choice.session) query.set("session", choice.session);
    try {
      const response = await fetch(`${snapshotUrl}?${query}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const snapshot = await response.json();
      if (!again) show(snapshot); // else the viewer chose something else meanwhile: that answer is on its way
      setStatus("ok", `live · ${new Date().toLocaleTimeString()}`);
    } catch (error) {
      setStatus("error", `cannot read the snapshot (${error.message}); retrying`);
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        refresh();
      } else {
        timer = setTimeout(refresh, 1000);
      }
    }
  }

  function setStatus(kind, text) {
    byId("status").className = kind;
    byId("status").textContent = text;
  }

  function show(snapshot) {
    choice.process = snapshot.process;
    choice.session = snapshot.session ? snapshot.session.id : null;
    byId("totals").textContent = `${snapshot.sessionCount} sessions · ${snapshot.deadLetterCount} dead letters`;
    showProcesses(snapshot.processes);
    showSessions(snapshot.sessions);
    showSession(snapshot.session, snapshot.processes.find((p) => p.name === snapshot.process));
    showDeadLetters(snapshot.deadLetters, snapshot.deadLettersDropped);
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function showProcesses(processes) {
    const body = byId("processes").tBodies[0];
    body.replaceChildren();
    for (const process of processes) {
      const row = body.insertRow();
      row.dataset.process = process.name;
      row.classList.toggle("chosen", process.name === choice.process);
      cell(row, process.name);
      cell(row, process.sessions, "number sessions");
      cell(row, process.messagesPerSecond.toFixed(1), "number rate");
      cell(row, process.messagesHandled, "number handled");
      cell(row, process.faults, process.faults > 0 ? "number faults bad" : "number faults");
      cell(row, process.deadLetters, process.deadLetters > 0 ? "number dead-letters bad" : "number dead-letters");
      row.addEventListener("click", () => choose(process.name, null));
    }
    byId("no-processes").classList.toggle("hidden", processes.length > 0);
  }

  function showSessions(sessions) {
    byId("process-name").textContent = choice.process ?? "…";
    const list = byId("sessions");
    list.replaceChildren();
    for (const session of sessions) {
      const item = document.createElement("li");
      item.dataset.session = session.id;
      item.classList.toggle("chosen", session.id === choice.session);
      const id = document.createElement("code");
      id.textContent = session.id;
      const state = document.createElement("span");
      state.className = "state";
      state.textContent = session.state ?? "";
      item.append(id, state);
      item.addEventListener("click", () => choose(choice.process, session.id));
      list.append(item);
    }
  }

  function showSession(session, process) {
    byId("session-id").textContent = session ? session.id : "none";
    byId("session-state").textContent = session ? (session.state ?? "(no declared states)") : "…";
    byId("session-queue").textContent = session ? session.queueLength : "…";
    byId("session-timeouts").textContent = session ? session.pendingTimeouts : "…";
    byId("session-subscribers").textContent = session ? session.subscribers : "…";

    const diagram = process && process.diagram;
    const key = `${diagram}\u0000${session && session.state}`;
    if (key === drawn) return;
    drawn = key;
    const place = byId("diagram");
    if (diagram) {
      place.replaceChildren(drawStateDiagram(parseStateDiagram(diagram), session && session.state));
    } else {
      const note = document.createElement("p");
      note.className = "none";
      note.textContent = process ? "This process declares no protocol states, so it has no diagram." : "";
      place.replaceChildren(note);
    }
  }

  function showDeadLetters(deadLetters, dropped) {
    const body = byId("dead-letters").tBodies[0];
    body.replaceChildren();
    for (const letter of deadLetters) {
      const row = body.insertRow();
      cell(row, letter.reason, "reason").title = reasons[letter.reason] ?? "";
      cell(row, letter.process ?? "");
      cell(row, letter.operation);
      cell(row, letter.sessionId);
    }
    const none = byId("no-dead-letters");
    none.classList.toggle("hidden", deadLetters.length > 0 && dropped === 0);
    if (dropped > 0) none.textContent = `${dropped} more were dropped: the dashboard was not read in time.`;
  }

  function choose(process, session) {
    choice.process = process;
    choice.session = session;
    refresh();
  }

  // Reads the subset of Mermaid's stateDiagram-v2 that SessionGen generates: "[*] --> A", "A --> B : labels", "A --> [*]".
  function parseStateDiagram(text) {
    const states = [];
    const edges = [];
    const finals = [];
    let initial = null;
    const add = (state) => { if (!states.includes(state)) states.push(state); };
    for (const line of text.split("\n")) {
      const match = /^\s*(\[\*\]|[^\s:]+)\s*-->\s*(\[\*\]|[^\s:]+)\s*(?::\s*(.*))?$/.exec(line);
      if (!match) continue;
      const [, from, to, label = ""] = match;
      if (from === "[*]") { initial = to; add(to); }
      else if (to === "[*]") { add(from); finals.push(from); }
      else { add(from); add(to); edges.push({ from, to, label: label.trim() }); }
    }
    return { states, edges, finals, initial: initial ?? states[0] };
  }

  // Lays the states out top to bottom in layers (a state's layer is its distance from the initial state) and draws
  // them as boxes, with the transitions as labelled arrows: straight down the layers, curved on the left going back,
  // a loop on the right for a state to itself.
  function drawStateDiagram(diagram, current) {
    const ns = "http://www.w3.org/2000/svg";
    const element = (name, attributes, parent) => {
      const node = document.createElementNS(ns, name);
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      if (parent) parent.append(node);
      return node;
    };
    const textWidth = (text, size) => text.length * size * 0.6;

    const layer = new Map([[diagram.initial, 0]]);
    for (let frontier = [diagram.initial]; frontier.length > 0;) {
      const next = [];
      for (const edge of diagram.edges) {
        if (frontier.includes(edge.from) && !layer.has(edge.to)) {
          layer.set(edge.to, layer.get(edge.from) + 1);
          next.push(edge.to);
        }
      }
      frontier = next;
    }
    let deepest = Math.max(...layer.values());
    for (const state of diagram.states) if (!layer.has(state)) layer.set(state, ++deepest);

    const boxHeight = 34;
    const layerGap = 96;
    const top = 48;
    const margin = 150; // room for back arcs on the left and loops and labels on the right
    const boxes = new Map();
    const layers = [...new Set(diagram.states.map((s) => layer.get(s)))].sort((a, b) => a - b);
    const rows = layers.map((l) => diagram.states.filter((s) => layer.get(s) === l));
    const boxWidth = (state) => Math.max(90, textWidth(state, 13) + 28);
    // A state with a loop to itself needs room on its right for the loop and its label.
    const loopRoom = (state) => {
      const loop = diagram.edges.find((e) => e.from === state && e.to === state);
      return loop ? 56 + textWidth(loop.label, 11) : 0;
    };
    const rowWidth = (row) => row.reduce((sum, s) => sum + boxWidth(s) + loopRoom(s), 0) + (row.length - 1) * 48;
    const width = Math.max(...rows.map(rowWidth)) + 2 * margin;
    rows.forEach((row, index) => {
      let x = (width - rowWidth(row)) / 2;
      for (const state of row) {
        const w = boxWidth(state);
        boxes.set(state, { x, y: top + index * layerGap, w, h: boxHeight, cx: x + w / 2 });
        x += w + loopRoom(state) + 48;
      }
    });
    const height = top + (rows.length - 1) * layerGap + boxHeight + (diagram.finals.length > 0 ? 70 : 24);

    const svg = element("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "protocol state diagram" });
    const marker = element("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" },
      element("defs", {}, svg));
    element("path", { d: "M0,0 L10,5 L0,10 z" }, marker);

    const labels = [];
    const arrow = (d, label, lx, ly, anchor = "start") => {
      const group = element("g", { class: "edge" }, svg);
      element("path", { d, "marker-end": "url(#arrow)" }, group);
      if (label) labels.push({ label, lx, ly, anchor });
    };

    const start = boxes.get(diagram.initial);
    element("circle", { class: "start", cx: start.cx, cy: 14, r: 7 }, svg);
    arrow(`M${start.cx},21 L${start.cx},${start.y - 1}`);

    for (const { from, to, label } of diagram.edges) {
      const a = boxes.get(from);
      const b = boxes.get(to);
      if (from === to) {
        const x = a.x + a.w;
        const y = a.y + a.h / 2;
        arrow(`M${x},${y - 8} C${x + 46},${y - 34} ${x + 46},${y + 34} ${x + 1},${y + 8}`, label, x + 44, y + 4);
      } else if (layer.get(to) > layer.get(from)) {
        const midY = (a.y + a.h + b.y) / 2;
        arrow(`M${a.cx},${a.y + a.h} L${b.cx},${b.y - 1}`, label, (a.cx + b.cx) / 2 + 6, midY + 4);
      } else if (layer.get(to) === layer.get(from)) {
        // Along one layer: a curve under it, from bottom to bottom.
        const below = a.y + a.h + 34;
        arrow(`M${a.cx},${a.y + a.h} Q${(a.cx + b.cx) / 2},${below + 18} ${b.cx},${b.y + b.h + 1}`, label, (a.cx + b.cx) / 2 - textWidth(label, 11) / 2, below + 14);
      } else {
        // Back up the layers: a curve out on the left, whose leftmost point the label sits beside.
        const bend = Math.min(a.x, b.x) - 60;
        const ay = a.y + a.h / 2;
        const by = b.y + b.h / 2;
        arrow(`M${a.x},${ay} C${bend},${ay} ${bend},${by} ${b.x - 1},${by}`, label, 0.125 * (a.x + b.x) + 0.75 * bend - 4, (ay + by) / 2 + 4, "end");
      }
    }

    for (const state of diagram.finals) {
      const box = boxes.get(state);
      const cy = box.y + box.h + 40;
      arrow(`M${box.cx},${box.y + box.h} L${box.cx},${cy - 12}`);
      element("circle", { class: "end-ring", cx: box.cx, cy, r: 10 }, svg);
      element("circle", { class: "end-dot", cx: box.cx, cy, r: 6 }, svg);
    }

    for (const state of diagram.states) {
      const box = boxes.get(state);
      const group = element("g", { class: state === current ? "state current" : "state", "data-state": state }, svg);
      element("rect", { x: box.x, y: box.y, width: box.w, height: box.h, rx: 8 }, group);
      element("text", { x: box.cx, y: box.y + box.h / 2 + 5, "text-anchor": "middle" }, group).textContent = state;
    }

    // Labels last, on a background, so arrows never cross their text.
    for (const { label, lx, ly, anchor } of labels) {
      const group = element("g", { class: "label" }, svg);
      const w = textWidth(label, 11) + 8;
      const x = anchor === "end" ? lx - w : lx;
      element("rect", { x: x - 4, y: ly - 12, width: w, height: 16, rx: 3 }, group);
      element("text", { x, y: ly }, group).textContent = label;
    }
    return svg;
  }

  refresh();
})();
