// verdict.mjs — the verdict ivp gives on a change over time, for the peers
// of bench/run.sh (SQL has no beta quantile). ivp's rule (src/stats/poisson.c,
// docs/indicators.md): the rate ratio x1/n1 : x0/n0 with its exact
// conditional 95% interval (Clopper-Pearson on the binomial split of the two
// counts); "significant rise" when the interval lies above 1, "significant
// fall" when below, "no clear change" otherwise, "not computable" for two
// zero counts. By the duality of the Clopper-Pearson interval and the
// binomial test, with pi0 = n1 / (n0 + n1):
//   lower bound > 1  <=>  I_pi0(x1, x0 + 1) < 0.025
//   upper bound < 1  <=>  I_pi0(x1 + 1, x0) > 0.975
// where I is the regularized incomplete beta function (Numerical Recipes'
// continued fraction; log-gamma by Lanczos).
const LG = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function lgamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LG[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
function betacf(a, b, x) {
  const FPMIN = 1e-300, EPS = 1e-15;
  let qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000000; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d; h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}
export function betai(a, b, x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? bt * betacf(a, b, x) / a : 1 - bt * betacf(b, a, 1 - x) / b;
}
export function verdict(x1, n1, x0, n0, level = 0.95) {
  const p = (1 - level) / 2, pi0 = n1 / (n0 + n1);
  if (x1 === 0 && x0 === 0) return 'not computable';
  if (x1 > 0 && betai(x1, x0 + 1, pi0) < p) return 'significant rise';
  if (x0 > 0 && betai(x1 + 1, x0, pi0) > 1 - p) return 'significant fall';
  return 'no clear change';
}
