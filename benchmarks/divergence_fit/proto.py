import os  # noqa
"""Prototype: candidate unaligned spans with features for a zh/en pair."""
import sys, re, functools, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from align.lexicon import en_tokens, translation_overlap, STOPWORDS, _EN_FUNCTION, glosses, senses, in_dictionary
from align.segment import zh_words
from align.embed import get_embedder
emb = get_embedder('use')
HAN = re.compile(r'[\u3400-\u9fff]')
ZH_FUNC = set("""的 了 是 在 和 与 及 或 也 都 就 而 但 把 被 对 从 向 于 以 之 着 过 等 这 那 其 个 我 你 他 她 它
这个 那个 这些 那些 我们 你们 他们 她们 它们 自己 通过 进行 后 受 中 可能 已 已经 上 下 可以 并 给 会 到 只 该 称 还 为 驻
不会 越 将 要 能 让 使 由 所 则 又 再 很 太 更 最 非常 十分 比较 正在 在于 之后 以后 之前 以前 时 时候 当 如果 因为 所以 虽然 但是 然而 而且
并且 因此 于是 还是 或者 以及 一个 一种 一些 这样 那样 如此 这么 那么 什么 怎么 如何 为什么 哪 哪里 谁 就是 也是 都是 这是 那是 只是 还有 没有 有 不 没
来 去 得 地 吧 呢 啊 吗 嘛 呀 啦 里 内 外 前 其中 之中 当中 之间 方面 一样 同样 一直 一起 所有 每 各 任何 其他 其它 另 另外 此 本 该 每个 个 种 些 点 一点
就会 才 便 却 即 即使 而是 不是 并不 不仅 而已 罢了 起来 出来 下来 上来 过来 开始 继续 表示 认为 指出 说 道 称为 叫做 成为 作为 关于 对于 根据 按照 随着 由于 除了
为了 以便 我的 你的 他的 她的 它的 我们的 他们的 大家 人们 某 某些 一 两 几 多少 许多 很多 不少 一切 全部 部分""".split())
ZH_FUNC |= set("""或是 或者说 或者是 大约 大概 完全 整个 直到 确实 真正 实际上 其实 总是 经常 不断 仍然 仍 甚至 尤其 特别 相当 几乎 也许 或许 似乎 好像 当然 当时 然后 接着 最后 首先 其次 只有 只要 就要 还要 要是 一下 一般 通常 往往 同时 另一方面 总之 例如 比如 譬如 所谓 即便 哪怕 不管 无论 究竟 到底 终于 马上 立刻 刚 刚刚 正 在座 这里 那里 这儿 那儿 此时 这时 那时 如今 现在 目前""".split())
ZH_LIGHT = set("""因素 问题 情况 过程 方面 状态 工作 方式 关系 程度 范围 活动 行为 现象 部分 方法 办法 东西 事情 事 时间 地方 结果 作用 进行 需要 想要 看到 看 保持 经历 存在 发生 出现 具有 拥有 成为 感到 觉得 知道 认为 希望 能够 应该 必须 使用 利用 包括 进去 出来 起来 下来 上来 回来 过去 来说 而言 有关 相关 一样 这样 那样 带来 造成 形成 实现 获得 得到 进入 加以 给予 予以""".split())
TRANSLIT = set("斯尔克特德罗亚拉巴尼利马诺维布格伊莱卡塔基夫普蒂奥纳茨兹娜丽莎琳曼森逊姆勒顿恩索贝里艾迪埃瓦杰萨科洛沃希佩乌图阿比哈穆库汉赫霍吉朗")
NUMERAL = re.compile(r'[0-9０-９零〇一二三四五六七八九十百千万亿两几]')
CLAUSE = set('，,。；;！!？?：:、—…()（）"“”')

def is_name_zh(w):
    ss = senses(w)
    if ss and all(s.proper for s in ss[:2]): return True
    if not in_dictionary(w) and len(w) >= 2 and any(c in TRANSLIT for c in w): return True
    return False

def zh_units(zw, zh=''):
    from align.segment import in_jieba_dictionary
    out = []
    counts = {}
    for w, _, _ in zw: counts[w] = counts.get(w, 0) + 1
    for i, (w, s, e) in enumerate(zw):
        if not HAN.search(w) or w in ZH_FUNC: continue
        if NUMERAL.match(w) and (len(w) <= 3 or not in_dictionary(w)): continue
        if is_name_zh(w): continue
        if not in_dictionary(w) and not in_jieba_dictionary(w) and len(w) > 1: continue
        # a transliterated name followed by its original in brackets: 士麦那 (Smyrna)
        if re.match(r'\s*[(（]\s*[A-Za-z]', zh[e:e + 4]) or re.match(r'[\u3400-\u9fff]{0,3}\s*[(（]\s*[A-Za-z]', zh[e:e + 8]): continue
        if counts[w] > 1: continue
        out.append(i)
    return out

EN_EXTRA_FUNC = set('little few bit deal longer last following whole real but and or nor so yet between among after before during within without upon onto toward towards across through throughout against along behind beyond beside besides near like unlike order terms going gonna guys ourselves yourself himself herself itself themselves anymore likely next previous way lot lots kind sort thing things something anything everything nothing someone anyone everyone really actually basically indeed certainly quite rather pretty enough too get got make made let put take come goes went know think see look want need seem become became use used able case fact part number time times day days year years people person also just even still only very such much many more most other another some any each every all both either neither own same well however therefore thus although though while whereas because since if unless when where whether how what who whom why which there here now then ago yet already around about per via one two three four five six seven eight nine ten first second third say said tell'.split())

@functools.cache
def VOCAB():
    from align.lexicon import vocabulary
    return vocabulary()

def en_units(toks, text):
    out = []
    counts = {}
    for t in toks: counts[t.lemma] = counts.get(t.lemma, 0) + 1
    for j, t in enumerate(toks):
        low = t.lower
        if t.lemma in STOPWORDS or t.lemma in _EN_FUNCTION or low in STOPWORDS or t.lemma == 'not' or low in EN_EXTRA_FUNC or t.lemma in EN_EXTRA_FUNC: continue
        if len(low) <= 2 or counts[t.lemma] > 1: continue
        if t.text[0].isupper() and (not is_sentence_start(text, t.start) or low not in VOCAB()): continue
        out.append(j)
    return out

_SUFFIXES = ('ational', 'ization', 'isation', 'fulness', 'ousness', 'iveness', 'ations', 'ation', 'ition', 'ments', 'ment', 'ness',
             'ities', 'ity', 'ive', 'ous', 'ful', 'less', 'ism', 'ist', 'ists', 'ical', 'ic', 'al', 'ally', 'ly', 'ence', 'ance', 'ent', 'ant',
             'ize', 'ise', 'ized', 'ised', 'er', 'ers', 'or', 'ors', 'ing', 'ed', 'es', 's', 'e', 'y')

@functools.lru_cache(maxsize=200000)
def stem(w):
    w = w.lower()
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[:-len(suf)]
                break
    return w

@functools.lru_cache(maxsize=20000)
def sub_glosses(text, maxn=4):
    out = set()
    for i in range(len(text)):
        for n in range(1, maxn + 1):
            h = text[i:i + n]
            if len(h) < n: break
            if n == 1 and h in ZH_FUNC: continue
            if in_dictionary(h): out |= glosses(h)
    return frozenset(out)

@functools.lru_cache(maxsize=20000)
def stems_of(gl):
    return frozenset(stem(g) for g in gl if ' ' not in g and len(g) >= 4)

def en_match(tok, gl, gst):
    if (set(tok.lemmas) | {tok.lower}) & gl: return True
    return len(tok.lower) >= 5 and stem(tok.lower) in gst

@functools.lru_cache(maxsize=200000)
def char_glosses(w):
    out = set()
    if len(w) > 1:
        for c in w:
            if HAN.match(c) and c not in ZH_FUNC: out |= glosses(c)
    return frozenset(out)

def remove(text, s, e, lang):
    if lang == 'zh': return text[:s] + text[e:]
    return (text[:s].rstrip() + ' ' + text[e:].lstrip()).strip()

def bigrams_zh(zw, units, zh):
    out = []
    for a, b in zip(units, units[1:]):
        if b - a <= 3 and not any(CLAUSE & set(zw[k][0]) for k in range(a, b)):
            out.append((zh[zw[a][1]:zw[b][2]], a, b))
    return out

def bigrams_en(toks, units, en):
    out = []
    for a, b in zip(units, units[1:]):
        seg = en[toks[a].start:toks[b].end]
        if b - a <= 3 and not any(c in seg for c in ',;:.()'):
            out.append((seg, a, b))
    return out

ZH_PARTICLE = set('的 了 着 过 地 得 吧 呢 啊 吗 嘛 呀 啦'.split())
EN_TRIVIAL = set('the a an of to and or'.split())

def zh_partners(zw, zh):
    ws = [k for k, (w, s, e) in enumerate(zw) if HAN.search(w) and w not in ZH_PARTICLE]
    out = [(zw[k][0], k, k) for k in ws]
    for x, y in zip(ws, ws[1:]):
        if y - x <= 2 and not any(CLAUSE & set(zw[k][0]) for k in range(x, y)):
            out.append((zh[zw[x][1]:zw[y][2]], x, y))
    return out

def en_partners(toks, en):
    ws = [k for k, t in enumerate(toks) if t.lower not in EN_TRIVIAL]
    out = [(toks[k].text, k, k) for k in ws]
    for x, y in zip(ws, ws[1:]):
        seg = en[toks[x].start:toks[y].end]
        if y - x <= 2 and not any(c in seg for c in ',;:.()'):
            out.append((seg, x, y))
    return out

def is_sentence_start(text, start):
    return not text[:start].strip() or bool(re.search(r'[.!?"“:]\s*$', text[:start]))

COMPETE = True

def analyse(zh, en, tau=0.55):
    zw = zh_words(zh); toks = en_tokens(en)
    ov = translation_overlap(zw, toks)
    zu = zh_units(zw, zh); eu = en_units(toks, en)
    pairs = set(ov.pairs)
    # per-word substring links (a pair we know), used for ownership as well
    for i, (w, _, _) in enumerate(zw):
        if not HAN.search(w): continue
        gl = sub_glosses(w); gs = stems_of(gl)
        for j, t in enumerate(toks):
            if en_match(t, gl, gs): pairs.add((i, j))
    zlink = {i: 0.0 for i in zu}; elink = {j: 0.0 for j in eu}
    for (i, j) in pairs:
        if i in zlink: zlink[i] = 1.0
        if j in elink: elink[j] = 1.0
    sg = sub_glosses(zh); sgs = stems_of(sg)
    for j in eu:
        if en_match(toks[j], sg, sgs): elink[j] = 1.0
    z_own = {}; e_own = {}
    for (i, j) in pairs:
        z_own.setdefault(i, set()).add(j); e_own.setdefault(j, set()).add(i)
    zp = zh_partners(zw, zh); ep = en_partners(toks, en)
    zidx = {p[1]: k for k, p in enumerate(zp) if p[1] == p[2]}
    eidx = {p[1]: k for k, p in enumerate(ep) if p[1] == p[2]}
    gloc = {}
    if zp and ep:
        V = emb.encode([p[0] for p in zp] + [p[0] for p in ep])
        Z, E = V[:len(zp)], V[len(zp):]
        S = E @ Z.T
        # competitive: a partner word that the dictionary already gives to another word is not
        # available (wild -> 宠物 is taken by pets)
        zmask_for = {}
        for j in eu:
            ok = np.array([not ((p[1] in z_own and j not in z_own[p[1]]) and (p[2] in z_own and j not in z_own[p[2]])) for p in zp]) if COMPETE else np.ones(len(zp), bool)
            row = S[eidx[j]]
            if ok.any(): elink[j] = max(elink[j], float(row[ok].max()))
        for i in zu:
            ok = np.array([not ((p[1] in e_own and i not in e_own[p[1]]) and (p[2] in e_own and i not in e_own[p[2]])) for p in ep]) if COMPETE else np.ones(len(ep), bool)
            col = S[:, zidx[i]]
            if ok.any(): zlink[i] = max(zlink[i], float(col[ok].max()))
        # local phrase test for weak units: does joining the unit to a neighbour bring the phrase
        # closer to its best counterpart on the other side?
        extra, meta = [], []
        for side, units, link in (('en', eu, elink), ('zh', zu, zlink)):
            for u in units:
                if link[u] >= tau: continue
                nbrs = [n for n in units if n != u and abs(n - u) <= 2]
                for n in nbrs:
                    lo, hi = min(u, n), max(u, n)
                    if side == 'en':
                        seg = en[toks[lo].start:toks[hi].end]
                        if any(c in seg for c in ',;:.()'): continue
                        base = float(S[eidx[n]].max())
                    else:
                        seg = zh[zw[lo][1]:zw[hi][2]]
                        if any(CLAUSE & set(zw[k][0]) for k in range(lo, hi + 1)): continue
                        base = float(S[:, zidx[n]].max())
                    extra.append(seg); meta.append((side, u, base))
        if extra:
            W = emb.encode(extra)
            for (side, u, base), w in zip(meta, W):
                best = float((Z @ w).max() if side == 'en' else (E @ w).max())
                gloc[(side, u)] = max(gloc.get((side, u), -1), best - base)
    return dict(zh=zh, en=en, zw=zw, toks=toks, zu=zu, eu=eu, zlink=zlink, elink=elink, gloc=gloc)

def spans(A, side, tau=0.5):
    """Runs of unaligned units on one side, not crossing clause punctuation."""
    if side == 'zh':
        units, link, items = A['zu'], A['zlink'], A['zw']
        gap_ok = lambda a, b: b - a <= 3 and not any(CLAUSE & set(items[k][0]) for k in range(a, b))
        pos = lambda k: (items[k][1], items[k][2])
    else:
        units, link, items = A['eu'], A['elink'], A['toks']
        gap_ok = lambda a, b: b - a <= 3 and not any(c in A['en'][items[a].end:items[b].start] for c in ',;:.()"')
        pos = lambda k: (items[k].start, items[k].end)
    out = []; cur = []
    for u in units:
        if link[u] < tau:
            if cur and gap_ok(cur[-1], u): cur.append(u)
            else:
                if cur: out.append(cur)
                cur = [u]
        else:
            if cur: out.append(cur)
            cur = []
    if cur: out.append(cur)
    res = []
    for run in out:
        if side == 'zh' and all(len(items[u][0]) == 1 or items[u][0] in ZH_LIGHT for u in run): continue
        s, e = pos(run[0])[0], pos(run[-1])[1]
        res.append(dict(side=side, units=run, span=(s, e), n=len(run), minlink=min(link[u] for u in run),
                        gloc=max([A['gloc'].get((side, u), -1) for u in run]),
                        meanlink=float(np.mean([link[u] for u in run]))))
    return res

def span_features(A, cands):
    """LOO gains for each candidate span (sentence-level and window-level)."""
    zh, en = A['zh'], A['en']
    texts = [zh, en]
    for c in cands:
        lang = c['side']; txt = zh if lang == 'zh' else en
        s, e = c['span']
        texts.append(remove(txt, s, e, lang))
        # window: +-3 items
        if lang == 'zh':
            zw = A['zw']; i0 = c['units'][0]; i1 = c['units'][-1]
            lo = zw[max(0, i0 - 4)][1]; hi = zw[min(len(zw) - 1, i1 + 4)][2]
        else:
            tk = A['toks']; i0 = c['units'][0]; i1 = c['units'][-1]
            lo = tk[max(0, i0 - 4)].start; hi = tk[min(len(tk) - 1, i1 + 4)].end
        win = txt[lo:hi]
        texts += [win, remove(win, s - lo, e - lo, lang)]
    V = emb.encode(texts)
    Zs, Es = V[0], V[1]
    base = float(Zs @ Es)
    for k, c in enumerate(cands):
        other = Es if c['side'] == 'zh' else Zs
        r, w, wr = V[2 + 3 * k], V[3 + 3 * k], V[4 + 3 * k]
        c['g_sent'] = float(other @ r) - base
        c['g_win'] = float(other @ wr) - float(other @ w)
        c['pair_cos'] = base
    return cands

def coverage(A, side, tau=0.5, exclude=()):
    units = A['zu'] if side == 'zh' else A['eu']; link = A['zlink'] if side == 'zh' else A['elink']
    us = [u for u in units if u not in exclude]
    return float(np.mean([link[u] >= tau for u in us])) if us else 1.0

@functools.lru_cache(maxsize=100000)
def strict_gl(w):
    from align.lexicon import decompose
    parts = (w,) if glosses(w, strict=True) else decompose(w)
    out = set()
    for p in parts:
        if p in ZH_FUNC and len(parts) > 1: continue
        out |= {g for g in glosses(p, strict=True) if ' ' not in g and len(g) > 2}
    return frozenset(out)

def gloss_sims(A, cands):
    zw, toks = A['zw'], A['toks']
    need_en = [c for c in cands if c['side'] == 'en']
    need_zh = [c for c in cands if c['side'] == 'zh']
    pool = sorted(set().union(*[strict_gl(w) for w, _, _ in zw if HAN.search(w) and w not in ZH_FUNC])) if need_en else []
    etoks = sorted({t.lower for t in toks if len(t.lower) > 2})
    strings = set(pool) | set(etoks)
    for c in need_en:
        strings |= {toks[u].text.lower() for u in c['units']}
    for c in need_zh:
        for u in c['units']: strings |= strict_gl(zw[u][0])
    strings = sorted(strings)
    if not strings:
        for c in cands: c['gsim'] = 0.0
        return
    V = emb.encode(strings); ix = {s: k for k, s in enumerate(strings)}
    P = V[[ix[g] for g in pool]] if pool else None
    T = V[[ix[t] for t in etoks]] if etoks else None
    for c in cands:
        vals = []
        for u in c['units']:
            if c['side'] == 'en':
                vals.append(float((P @ V[ix[toks[u].text.lower()]]).max()) if P is not None else 0.0)
            else:
                gl = sorted(strict_gl(zw[u][0]))
                vals.append(float((V[[ix[g] for g in gl]] @ T.T).max()) if gl and T is not None else 0.0)
        c['gsim'] = min(vals) if vals else 0.0

def candidates(zh, en, tau=0.55):
    A = analyse(zh, en)
    cands = spans(A, 'zh', tau) + spans(A, 'en', tau)
    if cands:
        span_features(A, cands)
        gloss_sims(A, cands)
    if cands:
        V = emb.encode([zh, en] + [(zh if c['side'] == 'zh' else en)[c['span'][0]:c['span'][1]] for c in cands])
        for k, c in enumerate(cands):
            other = V[1] if c['side'] == 'zh' else V[0]
            c['wsent'] = float(V[2 + k] @ other)
    for c in cands:
        c['cov_same'] = coverage(A, c['side'], 0.5, set(c['units']))
        c['cov_other'] = coverage(A, 'en' if c['side'] == 'zh' else 'zh', 0.5)
        c['text'] = (zh if c['side'] == 'zh' else en)[c['span'][0]:c['span'][1]]
        units = A['zu'] if c['side'] == 'zh' else A['eu']; link = A['zlink'] if c['side'] == 'zh' else A['elink']
        ounits = A['eu'] if c['side'] == 'zh' else A['zu']; olink = A['elink'] if c['side'] == 'zh' else A['zlink']
        rest = [u for u in units if u not in c['units']]
        c['dcov_same'] = float(np.mean([link[u] >= 1 for u in rest])) if rest else 0.0
        c['dcov_other'] = float(np.mean([olink[u] >= 1 for u in ounits])) if ounits else 0.0
        c['n_same'] = len(rest); c['n_other'] = len(ounits)
        k = units.index(c['units'][0]); k2 = units.index(c['units'][-1])
        nb = [units[x] for x in (k - 1, k2 + 1) if 0 <= x < len(units)]
        c['nbr_linked'] = sum(link[u] >= 1 for u in nb)
    return A, cands
