/*
 * SQLite loadable extension registering the `unicase` collation that Anki declares on note type,
 * field, template, deck, deck-config and tag names. Anki compares with Rust's `unicase` crate
 * (pinned at 2.6.0): both strings are mapped through Unicode full case folding (e.g. "ß" -> "ss")
 * and the resulting code point sequences are compared lexicographically. Matching that exactly
 * keeps our index order identical to Anki's, so integrity_check stays "ok" in both programs.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "casefold_table.h"

/* One side of the comparison: the UTF-8 input plus up to 3 pending folded code points. */
struct fold_reader {
	const unsigned char *s;
	int len;
	int pos;
	unsigned int pending[3];
	int pending_count;
	int pending_next;
};

/* Decodes one code point. Invalid sequences become U+FFFD per maximal subpart, as Rust's
 * String::from_utf8_lossy does (rusqlite hands collations lossy strings). */
static unsigned int next_code_point(struct fold_reader *r) {
	const unsigned char *s = r->s;
	int n = r->len;
	int i = r->pos;
	unsigned int b = s[i];
	unsigned int cp;
	int need;
	unsigned int lo = 0x80, hi = 0xBF;

	if (b < 0x80) {
		r->pos = i + 1;
		return b;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		cp = b & 0x0F;
		if (b == 0xE0) lo = 0xA0;
		if (b == 0xED) hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		cp = b & 0x07;
		if (b == 0xF0) lo = 0x90;
		if (b == 0xF4) hi = 0x8F;
	} else {
		r->pos = i + 1;
		return 0xFFFD;
	}
	i++;
	while (need > 0) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			r->pos = i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
		i++;
		need--;
	}
	r->pos = i;
	return cp;
}

static const struct casefold_entry *find_fold(unsigned int cp) {
	int low = 0, high = CASEFOLD_COUNT - 1;
	if (cp < casefold_table[0].from || cp > casefold_table[CASEFOLD_COUNT - 1].from) return 0;
	while (low <= high) {
		int mid = (low + high) / 2;
		unsigned int from = casefold_table[mid].from;
		if (from == cp) return &casefold_table[mid];
		if (from < cp) low = mid + 1;
		else high = mid - 1;
	}
	return 0;
}

/* Next folded code point, or -1 at the end. */
static long next_folded(struct fold_reader *r) {
	unsigned int cp;
	const struct casefold_entry *entry;

	if (r->pending_next < r->pending_count) return r->pending[r->pending_next++];
	if (r->pos >= r->len) return -1;
	cp = next_code_point(r);
	if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	entry = find_fold(cp);
	if (!entry) return cp;
	r->pending_count = 0;
	r->pending_next = 1;
	for (int k = 0; k < 3 && entry->to[k]; k++) r->pending[r->pending_count++] = entry->to[k];
	return r->pending[0];
}

static int unicase_compare(void *unused, int len1, const void *p1, int len2, const void *p2) {
	struct fold_reader a = {(const unsigned char *)p1, len1, 0, {0, 0, 0}, 0, 0};
	struct fold_reader b = {(const unsigned char *)p2, len2, 0, {0, 0, 0}, 0, 0};
	(void)unused;
	for (;;) {
		long x, y;
		/* ASCII fast path: nothing pending on either side and both next bytes are ASCII. */
		if (a.pending_next >= a.pending_count && b.pending_next >= b.pending_count) {
			while (a.pos < a.len && b.pos < b.len && a.s[a.pos] < 0x80 && b.s[b.pos] < 0x80) {
				unsigned int ca = a.s[a.pos], cb = b.s[b.pos];
				if (ca >= 'A' && ca <= 'Z') ca += 32;
				if (cb >= 'A' && cb <= 'Z') cb += 32;
				if (ca != cb) return ca < cb ? -1 : 1;
				a.pos++;
				b.pos++;
			}
		}
		x = next_folded(&a);
		y = next_folded(&b);
		if (x != y) {
			if (x < 0) return -1;
			if (y < 0) return 1;
			return x < y ? -1 : 1;
		}
		if (x < 0) return 0;
	}
}

/* The entry point SQLite looks up ("sqlite3_" + file name stem + "_init") is the only symbol this
 * library exports; everything else stays hidden (built with -fvisibility=hidden), so loading it
 * with RTLD_GLOBAL cannot clash with another extension's sqlite3_api. */
#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_unicase_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
	SQLITE_EXTENSION_INIT2(api);
	(void)error;
	return sqlite3_create_collation(db, "unicase", SQLITE_UTF8, 0, unicase_compare);
}
