// Introsak's small progressive enhancements. Behaviour hangs on data- attributes; no inline
// JavaScript anywhere, so the Content-Security-Policy can forbid it.
document.documentElement.classList.add("js");
