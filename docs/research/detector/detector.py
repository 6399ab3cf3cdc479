#!/usr/bin/env python3
"""PlantWatch streaming anomaly detector -- reference implementation + evaluation.

Reproduce every number in detector_report.md with:

    python3 docs/research/detector/detector.py       # from the repository root, ../shared beside it
    python3 detector.py --quick                      # recommended configs only (~5 s)

Everything the detectors see is what the Spark job already produces: per tag and per 10 s
tumbling event-time window (aligned to the epoch, as Spark's window() does) the
count / avg / min / max / stddev. Only the window *avg* is used by the recommended detectors;
all state is small (a mean vector + p x p covariance per device, two floats + a flag per tag).

Two detectors, chosen by tag class:

* FAST process tags (flow, pressure, current, voltage, vibration) of one device ->
  DeviceT2: Hotelling T^2 of the window-average vector against a Phase-I baseline fitted on
  the first 400 rows of the run (SKAB protocol), Phase-II F-distribution UCL, 2-of-3 persistence,
  EWMA-updated mean (frozen while the window exceeds the UCL).
* SLOW thermal tags (temperatures) -> ThermalZ: z-score of the window average against a
  time-based EWMA mean (half-life 1 day) and EWMA variance (half-life 7 days), alarm with
  hysteresis (on |z|>=3, off |z|<1.5); the console raises an *alarm event* at the onset.

Scoring follows ../shared/datasets/{skab,nab}/README.md and mirrors
src/main/java/io/plantwatch/evaluation/{SkabScorer,NabScorer}.java.
"""
import sys, json, math, datetime as dt
import numpy as np
from scipy import stats

import os
_HERE = os.path.dirname(os.path.abspath(__file__))
_SHARED = os.environ.get('PLANTWATCH_SHARED', os.path.join(_HERE, '..', '..', '..', '..', 'shared'))
SKAB_DIR = os.path.join(_SHARED, 'datasets', 'skab', 'data', 'valve1')
NAB_DIR = os.path.join(_SHARED, 'datasets', 'nab')
SKAB_TAGS = ['Accelerometer1RMS', 'Accelerometer2RMS', 'Current', 'Pressure', 'Temperature',
             'Thermocouple', 'Voltage', 'Volume Flow RateRMS']
# tag classes (by physical quantity, not by looking at labels)
THERMAL = {'Temperature', 'Thermocouple'}
FAST_TAGS = [t for t in SKAB_TAGS if t not in THERMAL]
DAY = 86400.0

# ----------------------------------------------------------------------------- recommended params
T2_PARAMS = dict(fit_rows=400, q=0.995, k=2, n=3, alpha=0.02, shrink=0.1)
THERMAL_PARAMS = dict(hl_mu=1 * DAY, hl_var=7 * DAY, h_on=3.0, h_off=1.5, warmup=3 * DAY)


# ============================================================================= data + windows
def _ts(s):
    return dt.datetime.strptime(s.split('.')[0], '%Y-%m-%d %H:%M:%S').replace(
        tzinfo=dt.timezone.utc).timestamp()  # naive clock time treated as UTC (no tz conversion)


def load_skab(i):
    lines = open(f'{SKAB_DIR}/{i}.csv').read().splitlines()   # CRLF or LF
    hdr = lines[0].split(';')
    assert hdr[1:9] == SKAB_TAGS, hdr
    rows = [l.split(';') for l in lines[1:] if l.strip()]
    ts = np.array([_ts(r[0]) for r in rows])
    X = np.array([[float(x) for x in r[1:]] for r in rows])
    return dict(name=f'valve1/{i}.csv', ts=ts, X=X[:, :8], anom=X[:, 8] > 0.5, cp=X[:, 9] > 0.5)


def spark_windows(ts, X, width=10.0):
    """Tumbling event-time windows [k*width, (k+1)*width): count/avg/min/max/stddev (sample) per tag."""
    wid = np.floor(ts / width).astype(np.int64)
    u, inv = np.unique(wid, return_inverse=True)
    n = np.bincount(inv).astype(float)
    avg = np.stack([np.bincount(inv, X[:, c]) / n for c in range(X.shape[1])], 1)
    ss = np.stack([np.bincount(inv, (X[:, c] - avg[inv, c]) ** 2) for c in range(X.shape[1])], 1)
    sd = np.where(n[:, None] > 1, np.sqrt(ss / np.maximum(n[:, None] - 1, 1)), np.nan)
    mn = np.full(avg.shape, np.inf); mx = np.full(avg.shape, -np.inf)
    for c in range(X.shape[1]):
        np.minimum.at(mn[:, c], inv, X[:, c]); np.maximum.at(mx[:, c], inv, X[:, c])
    lastrow = np.zeros(len(u), int); np.maximum.at(lastrow, inv, np.arange(len(ts)))
    return dict(start=u * width, end=(u + 1) * width, inv=inv, count=n, avg=avg, sd=sd, min=mn, max=mx,
                lastrow=lastrow)


# ============================================================================= detectors
class DeviceT2:
    """Hotelling (1947) T^2 of a device's window-average vector.

    Phase I: the windows that lie entirely in the first `fit_rows` rows of the run give the mean mu0
    and covariance S (shrunk towards its diagonal by `shrink`, for conditioning with m~40 windows).
    Phase II UCL for individual observations (Tracy, Young & Mason 1992; Montgomery, SQC ch. 11):
        UCL = p (m+1)(m-1) / (m (m-p)) * F_q(p, m-p).
    A window 'exceeds' when T^2 > UCL; the device is in alarm when >= k of the last n windows exceed.
    The baseline mean follows an EWMA (weight alpha) of the non-exceeding windows only, which absorbs
    slow operating-point drift but not the anomaly itself."""

    def __init__(self, fit_rows=400, q=0.995, k=2, n=3, alpha=0.02, shrink=0.1):
        self.fit_rows, self.q, self.k, self.n, self.alpha, self.shrink = fit_rows, q, k, n, alpha, shrink

    def fit(self, A):
        m, p = A.shape
        self.mu = A.mean(0)
        S = np.cov(A.T).reshape(p, p)
        S = (1 - self.shrink) * S + self.shrink * np.diag(np.diag(S))
        self.Si = np.linalg.pinv(S)
        self.ucl = p * (m + 1) * (m - 1) / (m * (m - p)) * stats.f.ppf(self.q, p, m - p)
        self.hist = []

    def update(self, x):
        d = x - self.mu
        t2 = float(d @ self.Si @ d)
        exceed = t2 > self.ucl
        self.hist = (self.hist + [exceed])[-self.n:]
        if not exceed:
            self.mu = self.mu + self.alpha * d
        return sum(self.hist) >= self.k, t2

    def run(self, W, cols):
        """Streams one run's windows; returns per-window alarm flags (False during Phase I)."""
        A = W['avg'][:, cols]
        fit = W['lastrow'] < self.fit_rows
        self.fit(A[fit])
        out = np.zeros(len(A), bool); t2 = np.full(len(A), np.nan)
        for i in np.where(~fit)[0]:
            out[i], t2[i] = self.update(A[i])
        return out, t2


class ThermalZ:
    """Univariate EWMA z-score for slow (thermal) tags, one window average at a time.

    mu  <- mu  + a_mu  (x - mu)          a = 1 - 0.5**(dt / half-life): time-based, so irregular
    var <- var + a_var ((x-mu)^2 - var)   sampling and gaps are handled (Lucas & Saccucci 1990 EWMA;
    z = (x - mu_prev) / sqrt(var_prev)    variance EWMA as in RiskMetrics 1996)
    Alarm state with hysteresis: on when |z| >= h_on, off when |z| < h_off. The alarm EVENT is the
    onset (rising edge) -- that is what the console raises and what is scored on NAB.
    mu/var are initialised from the first `warmup` seconds; no alarm in that period."""

    def __init__(self, hl_mu=DAY, hl_var=7 * DAY, h_on=3.0, h_off=1.5, warmup=3 * DAY, freeze=1.0):
        self.hl_mu, self.hl_var, self.h_on, self.h_off, self.warmup, self.freeze = \
            hl_mu, hl_var, h_on, h_off, warmup, freeze

    def run(self, ts, v):
        N = len(v)
        state = np.zeros(N, bool); onset = np.zeros(N, bool); z = np.zeros(N)
        w = ts < ts[0] + self.warmup
        if w.sum() < 2:
            w[:2] = True
        mu = float(v[w].mean()); var = float(v[w].var()) + 1e-12
        alarm = False; prev = ts[0]
        for i in range(N):
            dtt = max(ts[i] - prev, 0.0); prev = max(prev, ts[i])   # backward clock -> dt = 0
            r = v[i] - mu; zi = r / math.sqrt(var); z[i] = zi
            if not w[i]:
                if not alarm and abs(zi) >= self.h_on:
                    alarm = True; onset[i] = True
                elif alarm and abs(zi) < self.h_off:
                    alarm = False
                state[i] = alarm
            f = self.freeze if alarm else 1.0
            mu += f * (1 - 0.5 ** (dtt / self.hl_mu)) * r
            var += f * (1 - 0.5 ** (dtt / self.hl_var)) * (r * r - var)
        return state, onset, z


class TagZ:
    """Variant (not recommended): per-tag |z| of the window avg vs the Phase-I mean/std, max over tags,
    Bonferroni-style threshold h, same k-of-n persistence. `diff=True` uses the first difference of
    the window avg (rate of change)."""

    def __init__(self, fit_rows=400, h=4.0, k=2, n=3, diff=False):
        self.fit_rows, self.h, self.k, self.n, self.diff = fit_rows, h, k, n, diff

    def run(self, W, cols):
        A = W['avg'][:, cols]
        if self.diff:
            A = np.vstack([np.zeros((1, A.shape[1])), np.diff(A, axis=0)])
        fit = W['lastrow'] < self.fit_rows
        mu = A[fit][1:].mean(0); sd = A[fit][1:].std(0, ddof=1) + 1e-12
        ex = (np.abs((A - mu) / sd).max(1) > self.h) & ~fit
        out = np.array([ex[max(0, i - self.n + 1):i + 1].sum() >= self.k for i in range(len(ex))]) & ~fit
        return out, None


# ============================================================================= scorers
def skab_outlier(labels, preds, train=400):
    tp = fp = tn = fn = 0
    for t, p in zip(labels, preds):
        t = t[train:]; p = p[train:]
        tp += int(np.sum(t & p)); fp += int(np.sum(~t & p)); tn += int(np.sum(~t & ~p)); fn += int(np.sum(t & ~p))
    return dict(F1=tp / (tp + (fp + fn) / 2) if tp + fp + fn else float('nan'),
                FAR=100 * fp / (fp + tn) if fp + tn else float('nan'),
                MAR=100 * fn / (fn + tp) if fn + tp else float('nan'), TP=tp, FP=fp, TN=tn, FN=fn)


SKAB_PROFILES = {'standard': (1.0, -0.11, -1.0), 'low_FP': (1.0, -0.22, -1.0), 'low_FN': (1.0, -0.11, -2.0)}


def skab_changepoint(tss, cps, preds, profile='standard', train=400, width=60.0):
    """SKAB's NAB-style changepoint score: predicted CPs = rows where the 0/1 prediction switches."""
    atp, afp, afn = SKAB_PROFILES[profile]; raw = 0.0; nw = 0; nfp = 0; miss = 0
    for ts, cp, p in zip(tss, cps, preds):
        pc = np.zeros(len(p), bool); pc[train] = p[train]; pc[train + 1:] = p[train + 1:] != p[train:-1]
        ct = ts[train:][cp[train:]]; pt = ts[train:][pc[train:]]
        wins = [[t, t + width] for t in ct]
        for j in range(len(wins) - 1):
            if wins[j][1] >= wins[j + 1][0]:
                wins[j + 1][0] = wins[j][1]
        nw += len(wins)
        for a, b in wins:
            ins = pt[(pt >= a) & (pt <= b)]
            if len(ins):
                k = 0 if b <= a else min(int((ins[0] - a) / (b - a) * 1000), 999)
                x = math.pi / 2 if k == 999 else k * math.pi / 999 - math.pi / 2
                half = (atp - afp) / 2
                raw += half * -math.tanh(x) / math.tanh(math.pi / 2) + half + afp
            else:
                raw += afn; miss += 1
        for q in pt:
            if not any(a <= q <= b for a, b in wins):
                nfp += 1; raw += afp
    return dict(score=100 * (raw - nw * afn) / (nw * atp - nw * afn), missed=miss, FP=nfp, windows=nw)


NAB_FILES = ['realKnownCause/machine_temperature_system_failure.csv',
             'realKnownCause/ambient_temperature_system_failure.csv']
NAB_PROFILES = {'standard': (1.0, 0.11, 1.0), 'low_FP': (1.0, 0.22, 1.0), 'low_FN': (1.0, 0.11, 2.0)}


def load_nab(f):
    L = open(f'{NAB_DIR}/data/{f}').read().splitlines()[1:]
    ts = np.array([_ts(l.split(',')[0]) for l in L if l]); v = np.array([float(l.split(',')[1]) for l in L if l])
    W = json.load(open(f'{NAB_DIR}/labels/combined_windows_subset.json'))[f]
    rows = []; i = 0; n = len(ts)
    for a, b in W:   # resolve by row order (NAB sweeper / NabScorer.resolveWindows)
        a = _ts(a); b = _ts(b)
        while i < n and (ts[i] < a or ts[i] > b):
            i += 1
        first = i; last = n - 1
        for j in range(first, n):
            if ts[j] == b:
                last = j; break
            if ts[j] > b:
                last = j - 1; break
        rows.append((first, last)); i = last + 1
    return dict(name=f.split('/')[-1], ts=ts, v=v, wins=rows)


def _sig(y):
    return -1.0 if y > 3 else 2 / (1 + math.exp(5 * y)) - 1


def nab_file_score(det, wins, profile):
    tpw, fpw, fnw = NAB_PROFILES[profile]; n = len(det)
    prob = int(min(math.floor(0.15 * n), 750)); maxtp = _sig(-1.0)
    wof = -np.ones(n, int)
    for k, (a, b) in enumerate(wins):
        wof[a:b + 1] = k
    best = [-fnw] * len(wins); scored = [False] * len(wins); hit = [False] * len(wins)
    fp = 0.0; nfp = 0; ntp = 0; prevlast = -1; prevw = 0
    for i in range(n):
        k = wof[i]
        if i >= prob:
            if k >= 0:
                scored[k] = True
                if det[i]:
                    a, b = wins[k]; w = b - a + 1
                    best[k] = max(best[k], _sig(-(b - i + 1) / w) * tpw / maxtp); hit[k] = True; ntp += 1
            elif det[i]:
                u = -1.0 if (prevlast < 0 or prevw <= 1) else _sig(abs(prevlast - i) / (prevw - 1))
                fp += u * fpw; nfp += 1
        if k >= 0 and i == wins[k][1]:
            prevlast = i; prevw = wins[k][1] - wins[k][0] + 1
    raw = fp + sum(b for b, s in zip(best, scored) if s)
    return dict(raw=raw, windows=sum(scored), detected=sum(1 for h, s in zip(hit, scored) if h and s),
                tp_rows=ntp, fp_rows=nfp)


def nab_normalised(file_scores, profile):
    tpw, fpw, fnw = NAB_PROFILES[profile]
    S = sum(s['raw'] for s in file_scores); N = sum(s['windows'] for s in file_scores)
    return 100 * (S + fnw * N) / (tpw * N + fnw * N)


# ============================================================================= evaluation
def rows_from_windows(W, flag, mapping='same'):
    """'same': a row gets its own window's decision (available at window close, <=10 s after the row).
    'causal': a row gets the decision of the last window closed before it (strictly no look-ahead)."""
    if mapping == 'causal':
        flag = np.concatenate([[False], flag[:-1]])
    return flag[W['inv']]


_SKAB = None


def skab_data():
    global _SKAB
    if _SKAB is None:
        files = [load_skab(i) for i in range(16)]
        _SKAB = [(d, spark_windows(d['ts'], d['X'])) for d in files]
    return _SKAB


def eval_skab(make_det, cols, mapping='same', thermal=None, width=None, per_file=False):
    preds = []; labels = []; tss = []; cps = []; pf = []
    for d, W in skab_data():
        if width is not None:
            W = spark_windows(d['ts'], d['X'], width)
        flag, _ = make_det().run(W, cols)
        p = rows_from_windows(W, flag, mapping)
        if thermal is not None:   # OR with per-tag thermal detectors, warm-up = Phase I rows
            for c in [SKAB_TAGS.index(t) for t in THERMAL]:
                det = ThermalZ(**{**THERMAL_PARAMS, **thermal})
                if thermal.get('warmup') is None:   # Phase I windows (first 400 rows) = warm-up
                    det.warmup = W['end'][W['lastrow'] < 400].max() - W['end'][0] + 1e-6
                st, _, _ = det.run(W['end'], W['avg'][:, c])
                p = p | rows_from_windows(W, st, mapping)
        preds.append(p); labels.append(d['anom']); tss.append(d['ts']); cps.append(d['cp'])
        if per_file:
            pf.append((d['name'], skab_outlier([d['anom']], [p])))
    res = skab_outlier(labels, preds)
    res['cp'] = {pr: skab_changepoint(tss, cps, preds, pr) for pr in SKAB_PROFILES}
    return (res, pf) if per_file else res


_NAB = None


def nab_data():
    global _NAB
    if _NAB is None:
        _NAB = [load_nab(f) for f in NAB_FILES]
    return _NAB


def eval_nab(params=None, use='onset'):
    p = {**THERMAL_PARAMS, **(params or {})}
    out = {pr: [] for pr in NAB_PROFILES}
    for d in nab_data():
        st, on, z = ThermalZ(**p).run(d['ts'], d['v'])
        det = on if use == 'onset' else st
        for pr in NAB_PROFILES:
            s = nab_file_score(det, d['wins'], pr); s['file'] = d['name']; out[pr].append(s)
    return {pr: dict(norm=nab_normalised(v, pr), files=v) for pr, v in out.items()}


def fmt_skab(r):
    return f"F1 {r['F1']:.3f} | FAR {r['FAR']:.2f} % | MAR {r['MAR']:.2f} %"


def main(quick=False):
    FC = [SKAB_TAGS.index(t) for t in FAST_TAGS]
    ALL = list(range(8))
    T2 = lambda **kw: (lambda: DeviceT2(**{**T2_PARAMS, **kw}))
    out = {}
    print('# PlantWatch detector evaluation\n')
    print('## Recommended SKAB detector: DeviceT2 on FAST tags', FAST_TAGS, T2_PARAMS, '\n')
    for mapping in ['same', 'causal']:
        res, pf = eval_skab(T2(), FC, mapping=mapping, per_file=True)
        out[f'skab_{mapping}'] = res
        print(f'### row mapping = {mapping}: pooled {fmt_skab(res)}  (TP {res["TP"]} FP {res["FP"]} TN {res["TN"]} FN {res["FN"]})')
        print('  SKAB changepoint (NAB-style, 60 s): ' + ', '.join(
            f"{k} {v['score']:.2f}" for k, v in res['cp'].items()) +
              f"; missed CPs {res['cp']['standard']['missed']}/{res['cp']['standard']['windows']}, FPs {res['cp']['standard']['FP']}")
        print('| file | F1 | FAR % | MAR % | TP | FP | TN | FN |\n|---|---|---|---|---|---|---|---|')
        for name, r in pf:
            print(f"| {name} | {r['F1']:.3f} | {r['FAR']:.2f} | {r['MAR']:.2f} | {r['TP']} | {r['FP']} | {r['TN']} | {r['FN']} |")
        print()

    print('## Recommended NAB detector: ThermalZ', {k: (v / DAY if k in ('hl_mu', 'hl_var', 'warmup') else v)
                                                     for k, v in THERMAL_PARAMS.items()}, '(half-lives/warm-up in days)\n')
    r = eval_nab()
    out['nab'] = r
    print('| profile | normalised (2 files) | machine raw | det. windows | TP rows | FP rows | ambient raw | det. windows | TP rows | FP rows |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for pr, v in r.items():
        m, a = v['files']
        print(f"| {pr} | {v['norm']:.1f} | {m['raw']:.3f} | {m['detected']}/{m['windows']} | {m['tp_rows']} | {m['fp_rows']} | "
              f"{a['raw']:.3f} | {a['detected']}/{a['windows']} | {a['tp_rows']} | {a['fp_rows']} |")
    print('(Windowed Gaussian baseline: raw -4.000 / -2.000, normalised 0.0)\n')
    if quick:
        return out

    # ------------------------------------------------------------------ SKAB variants
    print('## SKAB variants (row mapping = same; k-of-n = 2/3 unless noted)\n')
    print('| variant | F1 | FAR % | MAR % | CP std |\n|---|---|---|---|---|')
    V = [
        ('T2 all 8 tags, static baseline (alpha=0)', T2(alpha=0.0), ALL, None),
        ('T2 all 8 tags, EWMA baseline alpha=0.02', T2(), ALL, None),
        ('T2 all 8 tags, EWMA alpha=0.05, q=0.9999', T2(alpha=0.05, q=0.9999), ALL, None),
        ('T2 fast tags, static baseline (alpha=0)', T2(alpha=0.0), FC, None),
        ('**T2 fast tags, EWMA alpha=0.02 (recommended)**', T2(), FC, None),
        ('T2 fast tags, no persistence (1/1)', T2(k=1, n=1), FC, None),
        ('max per-tag |z| fast tags, h=4', lambda: TagZ(h=4.0), FC, None),
        ('max per-tag |z| fast tags, h=6', lambda: TagZ(h=6.0), FC, None),
        ('rate of change: max per-tag |z(diff avg)|, h=4', lambda: TagZ(h=4.0, diff=True), FC, None),
        ('T2 window stddevs instead of avgs (fast tags)', None, FC, None),
        ('recommended + ThermalZ on the 2 thermal tags (OR)', T2(), FC, {}),
        ('flow-only T2 (label-informed, reference only)', T2(), [SKAB_TAGS.index('Volume Flow RateRMS')], None),
    ]
    out['skab_variants'] = []
    for name, mk, cols, th in V:
        if mk is None:   # stddev features
            class SdT2(DeviceT2):
                def run(self, W, cols):
                    W2 = dict(W); W2['avg'] = np.nan_to_num(W['sd'], nan=0.0)
                    return DeviceT2.run(self, W2, cols)
            mk = lambda: SdT2(**T2_PARAMS)
        r = eval_skab(mk, cols, thermal=th)
        out['skab_variants'].append((name, r))
        print(f"| {name} | {r['F1']:.3f} | {r['FAR']:.2f} | {r['MAR']:.2f} | {r['cp']['standard']['score']:.1f} |")
    print()

    # ------------------------------------------------------------------ SKAB sensitivity
    print('## SKAB sensitivity (one parameter at a time around the recommended set)\n')
    print('| parameter | value | F1 | FAR % | MAR % |\n|---|---|---|---|---|')
    grid = [('q (UCL quantile)', 'q', [0.99, 0.995, 0.999, 0.9999]),
            ('k-of-n', 'kn', [(1, 1), (2, 3), (3, 3), (3, 5), (4, 6)]),
            ('alpha (EWMA mean)', 'alpha', [0.0, 0.01, 0.02, 0.05, 0.1]),
            ('shrink', 'shrink', [0.0, 0.05, 0.1, 0.3, 1.0]),
            ('fit rows', 'fit_rows', [200, 300, 400])]
    out['skab_sens'] = []
    for label, key, vals in grid:
        for v in vals:
            kw = dict(k=v[0], n=v[1]) if key == 'kn' else {key: v}
            r = eval_skab(T2(**kw), FC)
            out['skab_sens'].append((label, str(v), r))
            print(f"| {label} | {v} | {r['F1']:.3f} | {r['FAR']:.2f} | {r['MAR']:.2f} |")
    for wd in [5.0, 20.0, 30.0]:
        r = eval_skab(T2(), FC, width=wd)
        print(f"| window width (s) | {wd:g} | {r['F1']:.3f} | {r['FAR']:.2f} | {r['MAR']:.2f} |")
    for mapping in ['causal']:
        r = eval_skab(T2(), FC, mapping=mapping)
        print(f"| row mapping | {mapping} | {r['F1']:.3f} | {r['FAR']:.2f} | {r['MAR']:.2f} |")
    # full grid q x alpha x k/n: how many meet the target
    ok = 0; tot = 0; f1s = []
    for q in [0.99, 0.995, 0.999, 0.9999]:
        for a in [0.0, 0.01, 0.02, 0.05]:
            for k, n in [(1, 1), (2, 3), (3, 5)]:
                for sh in [0.0, 0.1, 0.3]:
                    r = eval_skab(T2(q=q, alpha=a, k=k, n=n, shrink=sh), FC); tot += 1
                    f1s.append(r['F1']); ok += (r['F1'] >= 0.6 and r['FAR'] <= 15)
    print(f'\nFull grid q x alpha x k/n x shrink ({tot} configs): {ok} meet F1>=0.6 & FAR<=15 %; '
          f'F1 range {min(f1s):.3f}-{max(f1s):.3f}, median {np.median(f1s):.3f}\n')
    out['skab_grid'] = dict(total=tot, ok=ok, f1_min=min(f1s), f1_max=max(f1s), f1_med=float(np.median(f1s)))

    # ------------------------------------------------------------------ NAB variants
    print('## NAB variants (standard / low_FP / low_FN normalised over the 2 files; raw = standard)\n')
    print('| variant | std | low_FP | low_FN | machine raw | ambient raw |\n|---|---|---|---|---|---|')
    NV = [('**recommended (onset events)**', {}, 'onset'),
          ('recommended, every alarm-state row scored', {}, 'state'),
          ('no adaptation (mu, var frozen after warm-up)', dict(hl_mu=1e12, hl_var=1e12), 'onset'),
          ('fast variance (hl_var = hl_mu = 1 d)', dict(hl_var=1 * DAY), 'onset'),
          ('no hysteresis (h_off = h_on = 3)', dict(h_off=3.0), 'onset'),
          ('baseline frozen x0.1 while in alarm', dict(freeze=0.1), 'onset'),
          ('h_on = 4', dict(h_on=4.0), 'onset')]
    out['nab_variants'] = []
    for name, kw, use in NV:
        r = eval_nab(kw, use)
        out['nab_variants'].append((name, {k: v['norm'] for k, v in r.items()}))
        m, a = r['standard']['files']
        print(f"| {name} | {r['standard']['norm']:.1f} | {r['low_FP']['norm']:.1f} | {r['low_FN']['norm']:.1f} | {m['raw']:.2f} | {a['raw']:.2f} |")
    print()
    print('## NAB sensitivity (one parameter at a time)\n')
    print('| parameter | value | std | low_FP | low_FN | machine raw | ambient raw |\n|---|---|---|---|---|---|---|')
    ng = [('hl_mu (days)', 'hl_mu', [0.25, 0.5, 1, 2, 4], DAY), ('hl_var (days)', 'hl_var', [3, 5, 7, 10, 14, 28], DAY),
          ('h_on', 'h_on', [2.5, 2.75, 3.0, 3.25, 3.5, 4.0], 1), ('h_off', 'h_off', [0.5, 1.0, 1.5, 2.0, 2.5], 1),
          ('warm-up (days)', 'warmup', [1, 3, 7], DAY)]
    out['nab_sens'] = []
    for label, key, vals, unit in ng:
        for v in vals:
            r = eval_nab({key: v * unit})
            m, a = r['standard']['files']
            out['nab_sens'].append((label, v, {k: x['norm'] for k, x in r.items()}))
            print(f"| {label} | {v} | {r['standard']['norm']:.1f} | {r['low_FP']['norm']:.1f} | {r['low_FN']['norm']:.1f} | {m['raw']:.2f} | {a['raw']:.2f} |")
    vals = []
    for hm in [0.5, 1, 2]:
        for hv in [3, 7, 14]:
            for h in [2.75, 3.0, 3.25]:
                for ho in [1.0, 1.5, 2.0]:
                    vals.append(eval_nab(dict(hl_mu=hm * DAY, hl_var=hv * DAY, h_on=h, h_off=ho))['standard']['norm'])
    vals = np.array(vals)
    print(f'\nNAB grid hl_mu{{0.5,1,2}} x hl_var{{3,7,14}} x h_on{{2.75,3,3.25}} x h_off{{1,1.5,2}} ({len(vals)} configs), '
          f'standard: min {vals.min():.1f}, median {np.median(vals):.1f}, max {vals.max():.1f}; '
          f'{(vals > 0).sum()} > 0, {(vals > 30).sum()} > 30\n')
    out['nab_grid'] = dict(n=len(vals), min=float(vals.min()), med=float(np.median(vals)), max=float(vals.max()),
                           pos=int((vals > 0).sum()), gt30=int((vals > 30).sum()))
    json.dump(out, open(os.path.join(os.environ.get('TMPDIR', '/tmp'), 'plantwatch-detector-results.json'), 'w'), indent=1, default=float)
    return out


def self_check():
    """Scorer sanity checks mirroring src/test/.../{Nab,Skab}ScorerTest.java."""
    m, a = nab_data()
    for pr, (tpw, fpw, fnw) in NAB_PROFILES.items():
        z = [nab_file_score(np.zeros(len(d['v']), bool), d['wins'], pr) for d in (m, a)]
        assert z[0]['raw'] == -4 * fnw and z[1]['raw'] == -2 * fnw and abs(nab_normalised(z, pr)) < 1e-12
        perf = []
        for d in (m, a):
            p = np.zeros(len(d['v']), bool); p[[w[0] for w in d['wins']]] = True
            perf.append(nab_file_score(p, d['wins'], pr))
        assert abs(perf[0]['raw'] - 4 * tpw) < 1e-9 and abs(nab_normalised(perf, pr) - 100) < 1e-9
    assert [w[1] - w[0] + 1 for w in m['wins']] == [567] * 4 and [w[1] - w[0] + 1 for w in a['wins']] == [363] * 2
    t0 = _ts('2014-01-07 02:00:00'); t1 = _ts('2014-01-07 02:55:00')
    s = nab_file_score((m['ts'] >= t0) & (m['ts'] <= t1), m['wins'], 'standard')
    assert s['fp_rows'] == 24 and abs(s['raw'] - (-4 - 24 * 0.11)) < 1e-9
    # SKAB: all-ones detector F1 = 6309/(6309+(11760-6309)/2); tanh reward values
    d = skab_data()
    r = skab_outlier([x[0]['anom'] for x in d], [np.ones(len(x[0]['anom']), bool) for x in d])
    assert abs(r['F1'] - 6309 / (6309 + (11760 - 6309) / 2)) < 1e-12, r
    print('scorer self-check: OK (NAB null/perfect/duplicate-hour FP, SKAB all-ones F1 =', round(r['F1'], 4), ')\n')


if __name__ == '__main__':
    self_check()
    main(quick='--quick' in sys.argv)
