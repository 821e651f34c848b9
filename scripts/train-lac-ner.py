#!/usr/bin/python3
"""Fine-tunes Baidu LAC small into a person/place/organisation tagger: models/lac-ner.bin.

    apt-get install python3-torch python3-numpy
    python3 scripts/train-lac-ner.py [--epochs 4] [--threads 2] [--out models/lac-ner.bin]
        [--init models/lac-ner.bin] [--tune-embedding] [--lr 1.5e-3] [--cluener SKIP] [--save-each]
        [--crf [--ce-weight W]] [--swap P] [--lexicon [DICT]]

The shipped file, in one run from LAC (48 minutes here; 5 to 13 minutes an epoch):
    python3 scripts/train-lac-ner.py --tune-embedding --epochs 6 --lr 1e-3 --cluener 1300 --threads 1
which keeps its best epoch on msra_dev (epoch 5, 84.52; epoch 6 tied and is not kept). It replaced
a file made in three runs (MSRA alone with the embedding frozen, then CLUENER, then the embedding
trained): README has both sets of figures.

The network is LAC's own (models/lac-small.bin, see server/src/core/ner/lac/lacNetwork.ts): its
character embedding stays frozen unless --tune-embedding (it is what LAC learned from its very
large corpus; a frozen one is left out of the file and read from lac-small.bin); its two
bidirectional GRU layers are fine-tuned, and a new output layer gives log-probabilities of the
product's 13 BIOES tags (O, then B/I/E/S of PER, LOC, ORG: server/src/core/ner/labels.ts). It is
trained with per-character cross-entropy, not LAC's CRF: the product adds these log-probabilities
to its perceptron's emission scores and decodes with the perceptron's constrained transitions.

--crf trains a CRF over the 13 tags instead (sequence likelihood; BIOES-impossible moves fixed at
FORBIDDEN; a character without a gold tag may take any, so CLUENER's left-out types are summed
over) and writes its start, end and transition scores to the file's crfw; the runtime then reads
the CRF's per-character marginals as the network's log-probabilities
(server/src/core/ner/crfMarginals.ts). --ce-weight W adds W times the cross-entropy of the
emissions' softmax. --swap P replaces each name, each epoch, with probability P by another name of
its type from the training data (mention replacement). --lexicon feeds the first layer
word-list features from jieba's dictionary (below; the file's first-layer matrices then have 8
rows more, which the runtime reads). All three measured 2026-11-28 and not shipped: README,
"Accuracy and speed".

Training data: ../shared/ner/msra_train_bio.txt, and with --cluener CLUENER's sentences from
number SKIP on (../shared/ner/cluener_train.json; eval:ner's CLUENER figures read the first 1,300,
which stay unseen). msra_dev is printed after each epoch (names
micro F1 under BIOES-constrained decoding); the OntoNotes files are never read here. Python and
torch are needed only to make the model file; the product runs it in TypeScript.
"""
import argparse
import json
import math
import os
import random
import struct
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
H = 128
TYPES = ['PER', 'LOC', 'ORG']
TAGS = ['O'] + [f'{p}-{t}' for t in TYPES for p in 'BIES']
MAGIC = b'ZHLACF16'
# Positions (sentences × longest length) per batch: long sentences come fewer to a batch. The GRU
# runs one time step at a time, so the step count, not the arithmetic, sets the pace on a CPU.
POSITIONS = 6400


def read_lac(path):
    data = open(path, 'rb').read()
    if data[:8] != MAGIC:
        sys.exit(f'{path}: not a LAC model file')
    n = struct.unpack('<I', data[8:12])[0]
    header = json.loads(data[12:12 + n].decode('utf8'))
    body = zlib.decompress(data[12 + n:], -15)
    tensors, at = {}, 0
    for t in header['tensors']:
        count = int(np.prod(t['shape']))
        tensors[t['name']] = np.frombuffer(body, dtype='<f2', count=count, offset=at).astype(np.float32).reshape(t['shape'])
        at += count * 2
    return header['vocab'], header['tags'], tensors


def write_lac(path, vocab, tags, tensors):
    header = {'vocab': vocab, 'tags': tags, 'tensors': [{'name': k, 'shape': list(v.shape)} for k, v in tensors.items()]}
    body = b''.join(np.ascontiguousarray(v, dtype='<f2').tobytes() for v in tensors.values())
    hb = json.dumps(header, ensure_ascii=False).encode('utf8')
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    with open(path, 'wb') as f:
        f.write(MAGIC + struct.pack('<I', len(hb)) + hb + z.compress(body) + z.flush())


def read_bio(path):
    sents, chars, tags = [], [], []
    for line in open(path, encoding='utf8'):
        line = line.rstrip('\n')
        if not line.strip():
            if chars:
                sents.append((chars, tags))
            chars, tags = [], []
            continue
        parts = line.split()
        ch = line[0] if line[0] != ' ' else ' '
        chars.append(ch)
        tags.append(parts[-1] if len(parts) > 1 else 'O')
    if chars:
        sents.append((chars, tags))
    return sents


# CLUENER's types as the product's: persons and the organisations MSRA's conventions share.
# `address`, `scene` and `government` mentions are left out of the loss (their characters teach
# nothing): CLUENER writes whole postal addresses as one span, calls countries scenes, and counts
# 警方 and 军方 as governments, where MSRA has several places or no name at all. Titles
# (book, movie, game) and positions are not names: their characters are O.
CLUENER_TYPES = {'name': 'PER', 'company': 'ORG', 'organization': 'ORG'}
CLUENER_MASKED = {'address', 'scene', 'government'}


def read_cluener(path, skip):
    """CLUENER's sentences from number `skip` on (the first stay unseen, for eval:ner's --limit
    figures): BIOES ids, -100 where the loss is left out."""
    text = open(path, encoding='utf8').read()
    dec = json.JSONDecoder()
    at, objs = 0, []
    while True:
        while at < len(text) and text[at] in ' \n\r\t,[]':
            at += 1
        if at >= len(text):
            break
        o, at = dec.raw_decode(text, at)
        objs.append(o)
    out = []
    for o in objs[skip:]:
        chars = list(o['text'])
        tags = ['O'] * len(chars)
        masked = [False] * len(chars)
        for typ, mentions in o.get('label', {}).items():
            for spans_ in mentions.values():
                for start, end in spans_:
                    if typ in CLUENER_MASKED:
                        for i in range(start, end + 1):
                            masked[i] = True
                    elif typ in CLUENER_TYPES:
                        t = CLUENER_TYPES[typ]
                        tags[start] = 'B-' + t
                        for i in range(start + 1, end + 1):
                            tags[i] = 'I-' + t
        ids = bio_to_bioes(tags)
        out.append((chars, [-100 if m else k for k, m in zip(ids, masked)]))
    return out


def bio_to_bioes(tags):
    out = []
    for i, t in enumerate(tags):
        if t == 'O' or t[2:] not in TYPES:
            out.append(0)
            continue
        typ = t[2:]
        nxt = tags[i + 1] if i + 1 < len(tags) else 'O'
        cont = nxt == 'I-' + typ
        if t[0] == 'B' or (t[0] == 'I' and (i == 0 or tags[i - 1][2:] != typ)):
            part = 'B' if cont else 'S'
        else:
            part = 'I' if cont else 'E'
        out.append(TAGS.index(f'{part}-{typ}'))
    return out


def spans(ids):
    """Complete names of tag ids; -100 (a training character without a gold tag) ends none."""
    out, start = set(), None
    for i, k in enumerate(ids):
        name = TAGS[k] if k >= 0 else 'O'
        if name == 'O':
            start = None
            continue
        part, typ = name[0], name[2:]
        if part == 'S':
            out.add((i, i + 1, typ))
            start = None
        elif part == 'B':
            start = (i, typ)
        elif part == 'E' and start and start[1] == typ:
            out.add((start[0], i + 1, typ))
            start = None
        elif part == 'I' and start and start[1] == typ:
            pass
        else:
            start = None
    return out


def mention_pool(data):
    pool = {t: [] for t in TYPES}
    for chars, ids in data:
        for s, e, t in sorted(spans(ids)):
            pool[t].append(chars[s:e])
    return pool


def swap_mentions(sent, pool, p):
    """Mention replacement (Dai & Adel 2020): the sentence with some names replaced by other names
    of the same type, so the network leans on the context and the name's shape rather than on
    having seen that very name."""
    chars, ids = sent
    found = sorted(spans(ids))
    if not found:
        return sent
    out_c, out_i, at = [], [], 0
    for s, e, t in found:
        if random.random() >= p:
            continue
        new = random.choice(pool[t])
        out_c += chars[at:s] + new
        out_i += ids[at:s] + ([TAGS.index('S-' + t)] if len(new) == 1 else
                              [TAGS.index('B-' + t)] + [TAGS.index('I-' + t)] * (len(new) - 2) + [TAGS.index('E-' + t)])
        at = e
    if at == 0:
        return sent
    return (out_c + chars[at:], out_i + ids[at:])


def allowed():
    a = np.zeros((len(TAGS), len(TAGS)), dtype=bool)
    for i, x in enumerate(TAGS):
        for j, y in enumerate(TAGS):
            xi = x == 'O' or x[0] in 'ES'
            yb = y == 'O' or y[0] in 'BS'
            a[i, j] = (xi and yb) or (x[0] in 'BI' and y[0] in 'IE' and x[2:] == y[2:])
    start = np.array([t == 'O' or t[0] in 'BS' for t in TAGS])
    end = np.array([t == 'O' or t[0] in 'ES' for t in TAGS])
    return a, start, end


ALLOWED, START, END = allowed()


def viterbi(logp, crf=None):
    n, T = logp.shape
    if crf is None:
        crf = (np.where(START, 0.0, -1e9), np.where(END, 0.0, -1e9), np.where(ALLOWED, 0.0, -1e9))
    start, end, trans = crf
    score = logp[0] + start
    back = np.zeros((n, T), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = cand.argmax(0)
        score = cand.max(0) + logp[t]
    score = score + end
    out = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        out.append(int(back[t, out[-1]]))
    return out[::-1]


@torch.jit.script
def gru_run(xp: torch.Tensor, wg: torch.Tensor, wc: torch.Tensor) -> torch.Tensor:
    # xp: [steps, batch, 3H] input projections (bias included). Paddle's GRU: update and reset
    # gates from h, the reset gate scales h before the candidate product, h = (1-u)h + u c.
    hsize = wc.shape[0]
    h = torch.zeros(xp.shape[1], hsize, dtype=xp.dtype)
    outs = []
    for t in range(xp.shape[0]):
        x = xp[t]
        g = torch.sigmoid(x[:, :2 * hsize] + h @ wg)
        u = g[:, :hsize]
        r = g[:, hsize:]
        c = torch.tanh(x[:, 2 * hsize:] + (r * h) @ wc)
        h = (1 - u) * h + u * c
        outs.append(h)
    return torch.stack(outs)


class Direction(nn.Module):
    def __init__(self, t, k):
        super().__init__()
        self.w = nn.Parameter(torch.tensor(t[f'fc_{k}.w_0']))
        self.b = nn.Parameter(torch.tensor(t[f'fc_{k}.b_0'] + t[f'gru_{k}.b_0']))
        gw = t[f'gru_{k}.w_0'].reshape(-1)
        self.wg = nn.Parameter(torch.tensor(gw[:H * 2 * H].reshape(H, 2 * H).copy()))
        self.wc = nn.Parameter(torch.tensor(gw[H * 2 * H:].reshape(H, H).copy()))

    def forward(self, x, rev_index):
        # x: [batch, steps, in]; rev_index reverses each row within its own length (None: forward).
        if rev_index is not None:
            x = torch.gather(x, 1, rev_index.unsqueeze(-1).expand(-1, -1, x.shape[2]))
        xp = (x @ self.w + self.b).transpose(0, 1)
        out = gru_run(xp, self.wg, self.wc).transpose(0, 1)
        if rev_index is not None:
            out = torch.gather(out, 1, rev_index.unsqueeze(-1).expand(-1, -1, out.shape[2]))
        return out


class Tagger(nn.Module):
    def __init__(self, t, lac_tags, dropout, tune_embedding=False, crf=False, lexicon=False):
        super().__init__()
        # With --lexicon, the first layer's projections read the lexicon features too: extra input
        # rows that start at zero, so training starts from LAC's network unchanged.
        if lexicon:
            for k in (0, 1):
                t[f'fc_{k}.w_0'] = np.concatenate([t[f'fc_{k}.w_0'], np.zeros((LEX_FEATURES, 3 * H), dtype=np.float32)])
        self.crf = crf
        # With --crf: learned start, end and transition scores (BIOES-impossible ones fixed at
        # FORBIDDEN), trained by the CRF's sequence likelihood.
        T = len(TAGS)
        self.start = nn.Parameter(torch.zeros(T))
        self.end = nn.Parameter(torch.zeros(T))
        self.trans = nn.Parameter(torch.zeros(T, T))
        if not crf:
            for q in (self.start, self.end, self.trans):
                q.requires_grad_(False)
        self.emb = nn.Embedding.from_pretrained(torch.tensor(t['word_emb']), freeze=not tune_embedding)
        self.dirs = nn.ModuleList([Direction(t, k) for k in range(4)])
        self.drop = nn.Dropout(dropout)
        # Output rows start from LAC's own PER/LOC/ORG/O rows (B and S from X-B, I and E from X-I).
        w = np.zeros((2 * H, len(TAGS)), dtype=np.float32)
        b = np.zeros(len(TAGS), dtype=np.float32)
        for j, name in enumerate(TAGS):
            src = 'O' if name == 'O' else f"{name[2:]}-{'B' if name[0] in 'BS' else 'I'}"
            if src in lac_tags:
                w[:, j] = t['fc_4.w_0'][:, lac_tags.index(src)]
                b[j] = t['fc_4.b_0'][lac_tags.index(src)]
        self.out_w = nn.Parameter(torch.tensor(w))
        self.out_b = nn.Parameter(torch.tensor(b))

    def forward(self, ids, rev, lex=None):
        x = self.emb(ids)
        if lex is not None:
            x = torch.cat([x, lex], -1)
        x1 = torch.cat([self.dirs[0](x, None), self.dirs[1](x, rev)], -1)
        x2 = torch.cat([self.dirs[2](x1, None), self.dirs[3](x1, rev)], -1)
        e = self.drop(x2) @ self.out_w + self.out_b
        return e if self.crf else torch.log_softmax(e, -1)

    def crf_scores(self):
        mask = lambda ok: torch.where(torch.tensor(ok), 0.0, FORBIDDEN)
        return self.start + mask(START), self.end + mask(END), self.trans + mask(ALLOWED)


FORBIDDEN = -1e4


def crf_log_z(em, start, end, trans, length_mask):
    # em [B, N, T]; length_mask [B, N] (True inside the sentence). Forward algorithm in log space.
    alpha = start + em[:, 0]
    for t in range(1, em.shape[1]):
        nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), 1) + em[:, t]
        alpha = torch.where(length_mask[:, t:t + 1], nxt, alpha)
    return torch.logsumexp(alpha + end, 1)


def crf_loss(model, em, gold, length_mask):
    # Negative log-likelihood of the gold tags; a character without a gold tag (-100: CLUENER's
    # left-out types) may take any tag, so its sentence's numerator sums over those paths.
    start, end, trans = model.crf_scores()
    labelled = gold >= 0
    pick = torch.nn.functional.one_hot(gold.clamp(min=0), len(TAGS)).bool() | ~labelled.unsqueeze(2)
    gold_em = em.masked_fill(~pick, FORBIDDEN)
    nll = crf_log_z(em, start, end, trans, length_mask) - crf_log_z(gold_em, start, end, trans, length_mask)
    return nll.sum() / labelled.sum().clamp(min=1)


# --lexicon: per character, what a word list says about it (SoftLexicon's B/M/E/S sets, Ma et al.
# 2020, without word embeddings): for each of "begins", "is inside", "ends" a listed word of two or
# more characters and "is a listed word alone", log10(1 + the words' summed frequencies) / 6 and
# whether there is one. The runtime computes the same from the same file
# (server/src/core/ner/lac/lexiconFeatures.ts).
LEX_FEATURES = 8
LEX_MAX_WORD = 8


def read_lexicon(path):
    words = {}
    for line in open(path, encoding='utf8'):
        parts = line.split(' ')
        if len(parts) >= 2:
            try:
                f = float(parts[1])
            except ValueError:
                continue
            if f > 0:
                words[parts[0]] = f
    return words


def lexicon_features(chars, words):
    n = len(chars)
    sums = np.zeros((n, 4), dtype=np.float64)
    text = ''.join(chars)
    for s in range(n):
        f = words.get(text[s])
        if f:
            sums[s, 3] += f
        for L in range(2, min(LEX_MAX_WORD, n - s) + 1):
            f = words.get(text[s:s + L])
            if not f:
                continue
            sums[s, 0] += f
            sums[s + 1:s + L - 1, 1] += f
            sums[s + L - 1, 2] += f
    out = np.zeros((n, LEX_FEATURES), dtype=np.float32)
    out[:, :4] = np.log10(1 + sums) / 6
    out[:, 4:] = sums > 0
    return out


def char_ids(vocab):
    ids = {w: i for i, w in enumerate(vocab) if len(w) == 1}
    oov = vocab.index('OOV')

    def f(ch):
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            c -= 0xFEE0
        elif c == 0x3000:
            c = 0x20
        return ids.get(chr(c), oov)
    return f


def batches(data, size, shuffle):
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    groups, cur, chars = [], [], 0
    for i in order:
        n = len(data[i][0])
        if cur and (len(cur) >= size or (len(cur) + 1) * n > POSITIONS):
            groups.append(cur)
            cur = []
        cur.append(i)
    if cur:
        groups.append(cur)
    if shuffle:
        random.shuffle(groups)
    return groups


LEX_CACHE = {}


def tensors_of(data, group, cid, words=None):
    n = max(len(data[i][0]) for i in group)
    lex = torch.zeros(len(group), n, LEX_FEATURES) if words is not None else None
    ids = torch.zeros(len(group), n, dtype=torch.long)
    gold = torch.full((len(group), n), -100, dtype=torch.long)
    rev = torch.zeros(len(group), n, dtype=torch.long)
    for r, i in enumerate(group):
        chars, tags = data[i]
        m = len(chars)
        ids[r, :m] = torch.tensor([cid(c) for c in chars])
        if tags is not None:
            gold[r, :m] = torch.tensor(tags)
        rev[r] = torch.tensor(list(range(m - 1, -1, -1)) + list(range(m, n)))
        if lex is not None:
            key = ''.join(chars)
            f = LEX_CACHE.get(key)
            if f is None:
                f = LEX_CACHE[key] = torch.from_numpy(lexicon_features(chars, words))
            lex[r, :m] = f
    return ids, gold, rev, lex


def evaluate(model, data, cid, words=None):
    model.eval()
    tp = fp = fn = 0
    with torch.no_grad():
        crf = tuple(q.numpy() for q in model.crf_scores()) if model.crf else None
        for group in batches(data, 64, False):
            ids, gold, rev, lex = tensors_of(data, group, cid, words)
            logp = model(ids, rev, lex).numpy()
            for r, i in enumerate(group):
                m = len(data[i][0])
                pred = spans(viterbi(logp[r, :m], crf))
                ref = spans(data[i][1])
                tp += len(pred & ref)
                fp += len(pred - ref)
                fn += len(ref - pred)
    model.train()
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return 100 * 2 * p * r / max(1e-9, p + r), 100 * p, 100 * r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--lr', type=float, default=1.5e-3)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--dropout', type=float, default=0.2)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--limit', type=int, default=0, help='train on the first N sentences only (a smoke run)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--init', help='start from this lac-ner.bin instead of LAC')
    ap.add_argument('--tune-embedding', action='store_true',
                    help='train the character embedding too (the file then carries its own, 2.7 M weights)')
    ap.add_argument('--lac', default=os.path.join(ROOT, 'models/lac-small.bin'))
    ap.add_argument('--train', default=os.path.join(ROOT, '../shared/ner/msra_train_bio.txt'))
    ap.add_argument('--dev', default=os.path.join(ROOT, '../shared/ner/msra_dev_bio.txt'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'models/lac-ner.bin'))
    ap.add_argument('--cluener', type=int, default=None, metavar='SKIP',
                    help="train on CLUENER's sentences too, from number SKIP on (the first SKIP stay unseen)")
    ap.add_argument('--crf', action='store_true',
                    help="train with a CRF's sequence likelihood; the file carries its transition scores and the "
                         "runtime reads the CRF's per-character marginals as the network's log-probabilities")
    ap.add_argument('--ce-weight', type=float, default=0.0,
                    help="with --crf, add this much of the per-character cross-entropy of the emissions' softmax to the loss")
    ap.add_argument('--save-each', action='store_true', help='also write OUT.epochN after each epoch')
    ap.add_argument('--lexicon', metavar='DICT', nargs='?', const=os.path.join(ROOT, 'node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8'),
                    help="feed the first layer word-list features from jieba's dictionary (the one nodejieba ships, by default)")
    ap.add_argument('--swap', type=float, default=0.0, metavar='P',
                    help='each epoch, replace each name with another of its type from the training data with probability P')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    random.seed(a.seed)
    torch.manual_seed(a.seed)

    vocab, lac_tags, t = read_lac(a.lac)
    cid = char_ids(vocab)
    train = [(c, bio_to_bioes(g)) for c, g in read_bio(a.train)]
    if a.limit:
        train = train[:a.limit]
    if a.cluener is not None:
        extra = read_cluener(os.path.join(ROOT, '../shared/ner/cluener_train.json'), a.cluener)
        print(f'{len(extra)} CLUENER sentences from number {a.cluener} on', flush=True)
        train += extra
    dev = [(c, bio_to_bioes(g)) for c, g in read_bio(a.dev)]
    print(f'{len(train)} training sentences, {len(dev)} dev sentences', flush=True)
    words = read_lexicon(a.lexicon) if a.lexicon else None
    if words is not None:
        print(f'{len(words)} words in {a.lexicon}', flush=True)
    model = Tagger(t, lac_tags, a.dropout, a.tune_embedding, a.crf, words is not None)
    if a.init:
        load_init(model, a.init)
    f1, p, r = evaluate(model, dev, cid, words)
    start = 'from --init' if a.init else 'LAC rows, not trained'
    print(f'epoch 0 ({start}): msra_dev F1 {f1:.2f} (P {p:.2f} R {r:.2f})', flush=True)
    params = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.Adam(params, lr=a.lr)
    groups = batches(train, a.batch, True)
    total = a.epochs * len(groups)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 200) * max(0.05, 1 - s / total))
    loss_fn = nn.NLLLoss(ignore_index=-100)
    best = -1.0
    pool = mention_pool(train) if a.swap else None
    for epoch in range(1, a.epochs + 1):
        t0 = time.time()
        seen = 0
        run_loss = 0.0
        data = [swap_mentions(s, pool, a.swap) for s in train] if pool else train
        for k, group in enumerate(batches(data, a.batch, True)):
            ids, gold, rev, lex = tensors_of(data, group, cid, words)
            logp = model(ids, rev, lex)
            if a.crf:
                lengths = torch.arange(ids.shape[1]).unsqueeze(0) <= (rev[:, :1])
                loss = crf_loss(model, logp, gold, lengths)
                if a.ce_weight:
                    loss = loss + a.ce_weight * loss_fn(torch.log_softmax(logp, -1).reshape(-1, len(TAGS)), gold.reshape(-1))
            else:
                loss = loss_fn(logp.reshape(-1, len(TAGS)), gold.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            sched.step()
            run_loss += loss.item()
            seen += len(group)
            if k % 100 == 99:
                el = time.time() - t0
                print(f'  epoch {epoch}: {seen}/{len(train)} sentences, loss {run_loss / 100:.4f}, {el:.0f} s', flush=True)
                run_loss = 0.0
        f1, p, r = evaluate(model, dev, cid, words)
        print(f'epoch {epoch}: msra_dev F1 {f1:.2f} (P {p:.2f} R {r:.2f}), {time.time() - t0:.0f} s', flush=True)
        if a.save_each:
            save(model, vocab, f'{a.out}.epoch{epoch}')
        if f1 > best:
            best = f1
            save(model, vocab, a.out)
            print(f'  wrote {a.out}', flush=True)


def load_init(model, path):
    _, tags, t = read_lac(path)
    if tags != TAGS:
        sys.exit(f"{path}: its tags are not the product's")
    with torch.no_grad():
        for k, d in enumerate(model.dirs):
            gw = t[f'gru_{k}.w_0'].reshape(-1)
            d.w.copy_(torch.tensor(t[f'fc_{k}.w_0']))
            d.b.copy_(torch.tensor(t[f'fc_{k}.b_0'] + t[f'gru_{k}.b_0']))
            d.wg.copy_(torch.tensor(gw[:H * 2 * H].reshape(H, 2 * H).copy()))
            d.wc.copy_(torch.tensor(gw[H * 2 * H:].reshape(H, H).copy()))
        model.out_w.copy_(torch.tensor(t['fc_4.w_0']))
        model.out_b.copy_(torch.tensor(t['fc_4.b_0']))
        if 'word_emb' in t:
            model.emb.weight.copy_(torch.tensor(t['word_emb']))
        if model.crf:
            # The file holds the effective scores; the parameters are them without the fixed masks.
            c = t['crfw']
            model.start.copy_(torch.tensor(np.where(START, c[0], 0.0)))
            model.end.copy_(torch.tensor(np.where(END, c[1], 0.0)))
            model.trans.copy_(torch.tensor(np.where(ALLOWED, c[2:], 0.0)))
    print(f'started from {path}', flush=True)


def save(model, vocab, path):
    out = {}
    if model.emb.weight.requires_grad:
        out['word_emb'] = model.emb.weight.detach().numpy()
    for k, d in enumerate(model.dirs):
        gw = np.concatenate([d.wg.detach().numpy().reshape(-1), d.wc.detach().numpy().reshape(-1)]).reshape(H, 3 * H)
        out[f'fc_{k}.w_0'] = d.w.detach().numpy()
        # The GRU bias is folded into the projection bias (the runtime adds the two).
        out[f'fc_{k}.b_0'] = d.b.detach().numpy()
        out[f'gru_{k}.w_0'] = gw
        out[f'gru_{k}.b_0'] = np.zeros(3 * H, dtype=np.float32)
    out['fc_4.w_0'] = model.out_w.detach().numpy()
    out['fc_4.b_0'] = model.out_b.detach().numpy()
    # Without --crf, zero start/end/transition scores: the runtime takes the output layer's
    # log-softmax. With them, the file holds the CRF's scores (impossible moves at FORBIDDEN) and the
    # runtime takes the CRF's marginals.
    if model.crf:
        start, end, trans = (q.detach().numpy() for q in model.crf_scores())
        out['crfw'] = np.concatenate([start[None], end[None], trans]).astype(np.float32)
    else:
        out['crfw'] = np.zeros((len(TAGS) + 2, len(TAGS)), dtype=np.float32)
    tmp = path + '.tmp'
    write_lac(tmp, vocab, TAGS, out)
    os.replace(tmp, path)


if __name__ == '__main__':
    main()
