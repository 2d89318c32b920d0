// The lesson page: follows the lesson's events, shows its clarifying
// question with the offered answers as buttons, and the finished lesson.
// Every piece of text is put in with textContent: student and model text
// never becomes markup.
(function () {
  "use strict";
  const box = document.getElementById("lesson");
  if (!box) return;
  const id = box.dataset.id;
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const $ = (x) => document.getElementById(x);
  const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };

  function showProgress(label, percent) {
    $("stage").textContent = label;
    $("bar").value = percent;
    $("bar").textContent = percent + "%";
    $("percent").textContent = percent + "%";
    $("live").textContent = label + ", " + percent + "%";
  }

  async function refresh() {
    const r = await fetch("/v1/lessons/" + id, { headers: { Accept: "application/json" } });
    if (!r.ok) return;
    const l = await r.json();
    showProgress(l.stage_label, l.progress);
    showClarify(l);
    if (l.terminal) showEnd(l);
  }

  // shownQuestion is the question on show (its round and choices), so that
  // the same question arriving again (the first load and the event stream
  // both bring it) is not drawn anew: that would take the student's focus
  // away from an answer being typed.
  let shownQuestion = "";

  function showClarify(l) {
    const waiting = l.status === "clarification_needed";
    $("clarify").hidden = !waiting;
    const cancel = $("cancel");
    if (cancel && l.terminal) cancel.hidden = true;
    if (!waiting) { shownQuestion = ""; return; }
    const key = JSON.stringify([l.clarification_round || 0, l.clarifying_questions]);
    if (key === shownQuestion) return;
    shownQuestion = key;
    const qs = $("clarify-questions"), choices = $("choices");
    qs.replaceChildren(); choices.replaceChildren();
    for (const q of l.clarifying_questions) {
      qs.append(el("p", q.question));
      for (const c of q.choices) {
        const b = el("button", c);
        b.type = "button";
        b.addEventListener("click", () => send(c));
        choices.append(b);
      }
    }
    const first = choices.querySelector("button") || $("answer");
    first.focus();
  }

  async function send(answer) {
    const err = $("answer-error");
    err.hidden = true;
    const r = await fetch("/v1/lessons/" + id + "/clarification", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ answer: answer }),
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      err.textContent = body.detail || "The answer was not taken.";
      err.hidden = false;
      return;
    }
    $("answer").value = "";
    showProgress(body.stage_label, body.progress);
    showClarify(body);
  }

  $("answer-form").addEventListener("submit", (e) => { e.preventDefault(); send($("answer").value); });

  async function showEnd(l) {
    if (l.error) { $("error").textContent = l.error; $("error").hidden = false; }
    const res = l.result;
    if (!res) return;
    if (res.message) { $("message").textContent = res.message; $("message").hidden = false; }
    if (l.status !== "completed") return;
    $("result").hidden = false;
    $("title").textContent = res.title || "";
    if (res.media.video && !$("player").firstChild) {
      const v = el("video");
      v.controls = true; v.preload = "metadata"; v.src = res.media.video;
      if (res.media.captions) {
        const t = el("track");
        t.kind = "captions"; t.srclang = "en"; t.label = "English"; t.src = res.media.captions; t.default = true;
        v.append(t);
      }
      $("player").append(v);
      v.textTracks.length && (v.textTracks[0].mode = "showing");
    }
    if (res.media.script_json) {
      const r = await fetch(res.media.script_json);
      if (r.ok) showScript(await r.json());
    }
    const src = $("sources");
    src.replaceChildren();
    for (const s of res.sources) {
      const li = el("li");
      li.append(el("span", [s.title, s.book, s.publisher].filter(Boolean).join(", ")));
      if (s.license) li.append(el("span", " — licence: " + s.license));
      if (s.url) { li.append(document.createTextNode(" ")); const a = el("a", "source"); a.href = s.url; a.rel = "noopener"; li.append(a); }
      src.append(li);
    }
    $("sources-box").hidden = res.sources.length === 0;
  }

  function showScript(script) {
    const art = $("script");
    art.replaceChildren();
    for (const seg of script.segments || []) {
      if (seg.heading === "Sources") continue;
      art.append(el("h3", seg.heading));
      art.append(el("p", seg.narration));
      if (seg.key_points && seg.key_points.length) {
        const ul = el("ul");
        for (const k of seg.key_points) ul.append(el("li", k));
        art.append(ul);
      }
    }
  }

  if (box.dataset.terminal === "true") { refresh(); return; }
  const es = new EventSource("/v1/lessons/" + id + "/events");
  es.addEventListener("status", (e) => {
    const ev = JSON.parse(e.data);
    showProgress(ev.stage_label, ev.progress);
    box.dataset.status = ev.status;
    if (ev.status === "clarification_needed" || ev.terminal) refresh();
    else $("clarify").hidden = true;
    if (ev.terminal) es.close();
  });
  refresh();
})();
