package io.contactsync.privacy.sanitize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression over the digits 0-9, compiled to a deterministic automaton: matching costs one table lookup
 * per digit. It reads the subset of regex syntax libphonenumber's metadata uses (digits, \d, classes with ranges,
 * groups, alternation, ?, *, +, {n}, {n,}, {n,m}) and refuses anything else, so a pattern it accepts matches exactly
 * what java.util.regex matches. DigitPatternTest compares the two on every pattern of the metadata.
 */
final class DigitPattern {
  /** More DFA states than this and the pattern is left to java.util.regex. */
  private static final int MAX_STATES = 4096;
  private static final int DEAD = -1;

  /** transitions[state * 10 + digit]: the next state, or DEAD. */
  private final int[] transitions;
  private final boolean[] accepting;

  private DigitPattern(int[] transitions, boolean[] accepting) {
    this.transitions = transitions;
    this.accepting = accepting;
  }

  /** The pattern compiled, or null when it uses syntax outside the subset (the caller then uses java.util.regex). */
  static DigitPattern compile(String regex) {
    try {
      Nfa nfa = new Nfa();
      Parser parser = new Parser(regex, nfa);
      Fragment whole = parser.alternation();
      if (parser.pos != regex.length()) return null;
      int end = nfa.state();
      nfa.epsilon(whole.end, end);
      return determinize(nfa, whole.start, end);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether the whole input, all digits, matches (Matcher.matches). */
  boolean matches(CharSequence digits) {
    int state = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) return false;
      state = transitions[state * 10 + d];
      if (state == DEAD) return false;
    }
    return accepting[state];
  }

  /** Whether some prefix of the input matches (Matcher.lookingAt). */
  boolean matchesPrefix(CharSequence digits) {
    int state = 0;
    if (accepting[0]) return true;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) return false;
      state = transitions[state * 10 + d];
      if (state == DEAD) return false;
      if (accepting[state]) return true;
    }
    return false;
  }

  private static DigitPattern determinize(Nfa nfa, int start, int end) {
    Map<BitSet, Integer> ids = new HashMap<>();
    List<BitSet> states = new ArrayList<>();
    BitSet first = nfa.closure(bits(start));
    ids.put(first, 0);
    states.add(first);
    int[] transitions = new int[MAX_STATES * 10];
    for (int s = 0; s < states.size(); s++) {
      BitSet current = states.get(s);
      for (int d = 0; d <= 9; d++) {
        BitSet next = new BitSet();
        for (int q = current.nextSetBit(0); q >= 0; q = current.nextSetBit(q + 1)) {
          int target = nfa.on(q, d);
          if (target >= 0) next.set(target);
        }
        if (next.isEmpty()) {
          transitions[s * 10 + d] = DEAD;
          continue;
        }
        BitSet closed = nfa.closure(next);
        Integer id = ids.get(closed);
        if (id == null) {
          if (states.size() == MAX_STATES) throw new IllegalArgumentException("too many states");
          id = states.size();
          ids.put(closed, id);
          states.add(closed);
        }
        transitions[s * 10 + d] = id;
      }
    }
    boolean[] accepting = new boolean[states.size()];
    for (int s = 0; s < states.size(); s++) accepting[s] = states.get(s).get(end);
    return new DigitPattern(Arrays.copyOf(transitions, states.size() * 10), accepting);
  }

  private static BitSet bits(int state) {
    BitSet set = new BitSet();
    set.set(state);
    return set;
  }

  /** A Thompson NFA: each state has either a digit set leading to one state, or epsilon moves. */
  private static final class Nfa {
    final List<BitSet> digitSets = new ArrayList<>();
    final List<Integer> digitTargets = new ArrayList<>();
    final List<List<Integer>> epsilons = new ArrayList<>();

    int state() {
      digitSets.add(null);
      digitTargets.add(-1);
      epsilons.add(new ArrayList<>());
      return digitSets.size() - 1;
    }

    void epsilon(int from, int to) {
      epsilons.get(from).add(to);
    }

    void digits(int from, BitSet set, int to) {
      digitSets.set(from, set);
      digitTargets.set(from, to);
    }

    int on(int state, int digit) {
      BitSet set = digitSets.get(state);
      return set != null && set.get(digit) ? digitTargets.get(state) : -1;
    }

    BitSet closure(BitSet states) {
      BitSet closed = (BitSet) states.clone();
      ArrayList<Integer> work = new ArrayList<>();
      for (int q = states.nextSetBit(0); q >= 0; q = states.nextSetBit(q + 1)) work.add(q);
      while (!work.isEmpty()) {
        int q = work.remove(work.size() - 1);
        for (int next : epsilons.get(q)) {
          if (!closed.get(next)) {
            closed.set(next);
            work.add(next);
          }
        }
      }
      return closed;
    }
  }

  private record Fragment(int start, int end) {}

  /** Recursive descent over the pattern, building NFA fragments; anything outside the subset is refused. */
  private static final class Parser {
    final String regex;
    final Nfa nfa;
    int pos;

    Parser(String regex, Nfa nfa) {
      this.regex = regex;
      this.nfa = nfa;
    }

    Fragment alternation() {
      List<Fragment> branches = new ArrayList<>();
      branches.add(sequence());
      while (peek() == '|') {
        pos++;
        branches.add(sequence());
      }
      if (branches.size() == 1) return branches.get(0);
      int start = nfa.state();
      int end = nfa.state();
      for (Fragment b : branches) {
        nfa.epsilon(start, b.start);
        nfa.epsilon(b.end, end);
      }
      return new Fragment(start, end);
    }

    Fragment sequence() {
      int start = nfa.state();
      int end = start;
      while (pos < regex.length() && peek() != '|' && peek() != ')') {
        int atomStart = pos;
        Fragment atom = atom();
        atom = quantified(atom, atomStart);
        nfa.epsilon(end, atom.start);
        end = atom.end;
      }
      return new Fragment(start, end);
    }

    /** Applies the quantifiers after an atom; a repeated atom is re-parsed from its text to get fresh copies. */
    Fragment quantified(Fragment atom, int atomStart) {
      while (pos < regex.length()) {
        char c = peek();
        int atomEnd = pos;
        if (c == '?') {
          pos++;
          atom = optional(atom);
        } else if (c == '*') {
          pos++;
          atom = star(atom);
        } else if (c == '+') {
          pos++;
          Fragment again = reparse(atomStart, atomEnd);
          atom = concat(atom, star(again));
        } else if (c == '{') {
          int close = regex.indexOf('}', pos);
          if (close < 0) throw new IllegalArgumentException("unclosed {");
          String[] bounds = regex.substring(pos + 1, close).split(",", -1);
          pos = close + 1;
          int min = Integer.parseInt(bounds[0]);
          int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
          if (bounds.length > 2 || min < 0 || (max >= 0 && max < min) || min > 64 || max > 64) {
            throw new IllegalArgumentException("bad bounds");
          }
          atom = repeat(atom, atomStart, atomEnd, min, max);
        } else {
          return atom;
        }
        if (pos < regex.length() && (peek() == '?' || peek() == '+') && isQuantifierSuffix()) {
          throw new IllegalArgumentException("lazy or possessive quantifier");
        }
      }
      return atom;
    }

    private boolean isQuantifierSuffix() {
      // after a quantifier, '?' or '+' would make it lazy or possessive: not in the subset
      char before = regex.charAt(pos - 1);
      return before == '?' || before == '*' || before == '+' || before == '}';
    }

    Fragment repeat(Fragment first, int atomStart, int atomEnd, int min, int max) {
      if (min == 0 && max == 0) return empty();
      Fragment result = min == 0 ? optional(first) : first;
      for (int i = 1; i < min; i++) result = concat(result, reparse(atomStart, atomEnd));
      if (max < 0) return concat(result, star(reparse(atomStart, atomEnd)));
      for (int i = Math.max(min, 1); i < max; i++) result = concat(result, optional(reparse(atomStart, atomEnd)));
      return result;
    }

    Fragment reparse(int from, int to) {
      Parser copy = new Parser(regex.substring(0, to), nfa);
      copy.pos = from;
      Fragment atom = copy.atom();
      if (copy.pos != to) throw new IllegalArgumentException("cannot repeat");
      return atom;
    }

    Fragment atom() {
      char c = peek();
      if (c == '(') {
        pos++;
        if (regex.startsWith("?:", pos)) pos += 2;
        else if (peek() == '?') throw new IllegalArgumentException("group construct");
        Fragment inner = alternation();
        expect(')');
        return inner;
      }
      if (c == '[') return digitSet(charClass());
      if (c == '\\') {
        pos++;
        char escaped = next();
        if (escaped != 'd') throw new IllegalArgumentException("escape \\" + escaped);
        BitSet all = new BitSet();
        all.set(0, 10);
        return digitSet(all);
      }
      if (c >= '0' && c <= '9') {
        pos++;
        BitSet one = new BitSet();
        one.set(c - '0');
        return digitSet(one);
      }
      throw new IllegalArgumentException("unexpected " + c);
    }

    BitSet charClass() {
      expect('[');
      if (peek() == '^') throw new IllegalArgumentException("negated class");
      BitSet set = new BitSet();
      while (peek() != ']') {
        char from = next();
        if (from == '\\') {
          if (next() != 'd') throw new IllegalArgumentException("escape in class");
          set.set(0, 10);
          continue;
        }
        if (from < '0' || from > '9') throw new IllegalArgumentException("non-digit in class");
        if (peek() == '-' && pos + 1 < regex.length() && regex.charAt(pos + 1) != ']') {
          pos++;
          char to = next();
          if (to < '0' || to > '9' || to < from) throw new IllegalArgumentException("bad range");
          set.set(from - '0', to - '0' + 1);
        } else {
          set.set(from - '0');
        }
      }
      expect(']');
      return set;
    }

    Fragment digitSet(BitSet set) {
      int start = nfa.state();
      int end = nfa.state();
      nfa.digits(start, set, end);
      return new Fragment(start, end);
    }

    Fragment empty() {
      int state = nfa.state();
      return new Fragment(state, state);
    }

    Fragment concat(Fragment a, Fragment b) {
      nfa.epsilon(a.end, b.start);
      return new Fragment(a.start, b.end);
    }

    Fragment optional(Fragment a) {
      int start = nfa.state();
      int end = nfa.state();
      nfa.epsilon(start, a.start);
      nfa.epsilon(start, end);
      nfa.epsilon(a.end, end);
      return new Fragment(start, end);
    }

    Fragment star(Fragment a) {
      int start = nfa.state();
      int end = nfa.state();
      nfa.epsilon(start, a.start);
      nfa.epsilon(start, end);
      nfa.epsilon(a.end, a.start);
      nfa.epsilon(a.end, end);
      return new Fragment(start, end);
    }

    char peek() {
      if (pos >= regex.length()) return '\0';
      return regex.charAt(pos);
    }

    char next() {
      if (pos >= regex.length()) throw new IllegalArgumentException("unexpected end");
      return regex.charAt(pos++);
    }

    void expect(char c) {
      if (next() != c) throw new IllegalArgumentException("expected " + c);
    }
  }
}
