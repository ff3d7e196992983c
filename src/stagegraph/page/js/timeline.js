// The spoiler horizon: the slider of episodes watched, its marks, and what it says.
import { el, fill } from "./dom.js";
import { ALL, stepsOf, undatedCount } from "./state.js";

// The slider and its parts (``parts``: slider, label, marks, ticks, note), set to the last step.
// Returns {steps, step(), set(i), horizon(), drawMarks()}: horizon() moves the state's cut to the
// slider's step and says so.
export function createTimeline(parts, data, state, W) {
  const { slider, label, marks, ticks, note } = parts;
  const steps = stepsOf(data.episodes, data.cut, W.everything);
  const undated = undatedCount(data);
  slider.max = String(steps.length - 1);
  slider.value = String(steps.length - 1);
  const step = () => Number(slider.value);
  const markCurrent = () => {
    Array.from(marks.children).forEach((m, i) => {
      m.classList.toggle("current", i === step());
    });
  };
  return {
    steps,
    step,
    set(i) {
      slider.value = String(i);
    },
    horizon() {
      const at = steps[step()];
      state.cut = at.order;
      label.textContent = at.label;
      slider.setAttribute("aria-valuetext", at.label);
      markCurrent();
      note.textContent = state.cut !== ALL && undated ? fill(W.unknown_note, { n: undated }) : "";
    },
    // One mark per episode: after the first frame.
    drawMarks() {
      steps.forEach((s, i) => {
        const at = steps.length > 1 ? i / (steps.length - 1) : 0;
        const mark = el("li", s.label, { "data-step": String(i) });
        mark.style.left = `calc(8px + (100% - 16px) * ${at})`;
        marks.appendChild(mark);
        ticks.appendChild(el("option", null, { value: String(i), label: s.label }));
      });
      markCurrent();
    },
  };
}
