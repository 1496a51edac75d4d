#!/usr/bin/env bash
# Banned functions and unchecked message formats, for `make lint`.
#
# 1. No call of atoi, atol, atoll, atof (no error report: use strtol/strtod
#    and check the end), sprintf, vsprintf, strcpy, strcat (no bound: use
#    snprintf, or memcpy with a checked length), gets, or strtok (not
#    thread-safe: strtok_r) in the tracked C files of src/, include/,
#    tests/ and bench/. A line may say `lint-banned: ok (reason)` to be
#    passed; none does today.
# 2. The message catalogue include/ivp/messages_lib.def and messages.def,
#    M(id, nl, en) (tests/unit/test_i18n.c checks the same): the nl and en
#    texts of each key hold the same printf conversions in the same order
#    (`%s ... %d` in one and `%d ... %s` in the other would print a number
#    as a string in one language).
# 3. The only way a message becomes a printf format is as the format
#    argument of snprintf / html_fmt / fprintf / printf written out at the
#    call: `snprintf(buf, n, web_t(lang, W_X), a, b)`. The compiler cannot
#    check such a format, so this script does: the arguments after it must
#    be as many as the message's conversions (a `*` width counts one). A
#    message in a variable used as a format is not checked and not allowed:
#    `web_t(...)` must be the format argument itself.
# Prints each finding as FILE:LINE: what, and exits 1 if there is any.
# Written in Perl (perl-base is in every Debian system) so it needs nothing.
# usage: scripts/lint-banned.sh
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z -- 'src/*.[ch]' 'include/*.[ch]' 'tests/*.[ch]' 'bench/*.[ch]' |
	xargs -0 perl -e '
use strict;
use warnings;
my $bad = 0;
sub finding { print "$_[0]\n"; $bad++; }

# Remove comments and the text of string and character literals, keeping
# newlines so line numbers stay.
sub code_only {
	my ($s) = @_;
	$s =~ s{(/\*.*?\*/)|(//[^\n]*)|("(?:[^"\\\n]|\\.)*")|(\x27(?:[^\x27\\\n]|\\.)*\x27)}{
		defined $1 ? ($1 =~ tr/\n//cdr) : defined $2 ? "" : defined $3 ? "\"\"" : "\x27\x27"
	}gse;
	return $s;
}

# printf conversions of a format text: a list of "length+conversion", one
# entry more for each `*`; "%%" is none.
sub convs {
	my ($t) = @_;
	my @c;
	while ($t =~ /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|j|z|t|L)?([diouxXeEfFgGaAcspn%])/g) {
		next if $5 eq "%";
		push @c, "*" if defined $2 && $2 eq "*";
		push @c, "*" if defined $3 && $3 eq "*";
		push @c, ($4 // "") . $5;
	}
	return @c;
}

# --- 2: the message table -------------------------------------------------
my %nconv;
my $def;
for $def ("include/ivp/messages_lib.def", "include/ivp/messages.def") {
open(my $fh, "<", $def) or next;
{
	while (my $l = <$fh>) {
		next unless $l =~ /^M\((\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)/;
		my ($id, $nl, $en) = ($1, $2, $3);
		my @n = convs($nl);
		my @e = convs($en);
		if (join(",", @n) ne join(",", @e)) {
			finding("$def:$.: $id: the nl text has conversions (" . join(" ", @n) .
				") and the en text (" . join(" ", @e) . "): they must be the same, in the same order");
		}
		$nconv{$id} = scalar @e;
	}
	close $fh;
}
}
$def = "the catalogue (include/ivp/messages*.def)";

# --- 1 and 3: the C files -------------------------------------------------
my %fmtarg = (snprintf => 2, html_fmt => 1, fprintf => 1, printf => 0);
my $banned = qr/\b(atoi|atol|atoll|atof|sprintf|vsprintf|strcpy|strcat|gets|strtok)\s*\(/;
for my $f (@ARGV) {
	open(my $fh, "<", $f) or die "$f: $!";
	local $/;
	my $raw = <$fh>;
	close $fh;
	my $src = code_only($raw);
	my @rawlines = split /\n/, $raw, -1;
	my $line = 1;
	for my $l (split /\n/, $src, -1) {
		while ($l =~ /$banned/g) {
			next if ($rawlines[$line - 1] // "") =~ /lint-banned: ok \(/;
			finding("$f:$line: $1() is banned (scripts/lint-banned.sh says what to use)");
		}
		$line++;
	}
	next unless $src =~ /\bweb_t\s*\(/;
	# every web_t(LANG, ID): find the call it is an argument of
	while ($src =~ /\bweb_t\s*\(\s*\w+\s*,\s*(W_\w+)\s*\)/g) {
		my ($id, $end, $start) = ($1, pos($src), $-[0]);
		my $ln = 1 + (substr($src, 0, $start) =~ tr/\n//);
		# walk back to the opening parenthesis of the enclosing call, counting commas
		my ($depth, $argi, $i) = (0, 0, $start - 1);
		for (; $i >= 0; $i--) {
			my $ch = substr($src, $i, 1);
			if ($ch eq ")" || $ch eq "]" || $ch eq "}") { $depth++; }
			elsif ($ch eq "(" || $ch eq "[" || $ch eq "{") { last if $depth == 0; $depth--; }
			elsif ($ch eq "," && $depth == 0) { $argi++; }
			elsif ($ch eq ";" && $depth == 0) { $i = -1; last; }
		}
		next if $i < 0;
		my ($fn) = substr($src, 0, $i) =~ /(\w+)\s*$/;
		next unless defined $fn && exists $fmtarg{$fn} && $fmtarg{$fn} == $argi;
		# a format: count the arguments after it
		my ($d, $n, $j) = (0, 0, $end);
		for (; $j < length $src; $j++) {
			my $ch = substr($src, $j, 1);
			if ($ch eq "(" || $ch eq "[" || $ch eq "{") { $d++; }
			elsif ($ch eq ")" || $ch eq "]" || $ch eq "}") { last if $d == 0; $d--; }
			elsif ($ch eq "," && $d == 0) { $n++; }
		}
		if (!exists $nconv{$id}) {
			finding("$f:$ln: $id is used as a format but is not in $def");
		} elsif ($n != $nconv{$id}) {
			finding("$f:$ln: $fn() with $id as its format has $n arguments after it; the message has $nconv{$id} conversions");
		}
	}
	# a message kept in a variable and used as a format cannot be checked
	while ($src =~ /\b(snprintf|html_fmt|fprintf|printf)\s*\(/g) {
		my ($fn, $p) = ($1, pos($src));
		my ($d, $a, $j, $argstart) = (0, 0, $p, $p);
		for (; $j < length $src; $j++) {
			my $ch = substr($src, $j, 1);
			if ($ch eq "(" || $ch eq "[" || $ch eq "{") { $d++; }
			elsif ($ch eq ")" || $ch eq "]" || $ch eq "}") { last if $d == 0; $d--; }
			elsif ($ch eq "," && $d == 0) {
				last if $a == $fmtarg{$fn};
				$a++;
				$argstart = $j + 1;
			}
		}
		next unless $a == $fmtarg{$fn};
		my $arg = substr($src, $argstart, $j - $argstart);
		$arg =~ s/^\s+|\s+$//g;
		next if $arg =~ /^(""\s*|\w+\s*)+$/ && $arg =~ /""/;	# literals (and macros beside them)
		next if $arg =~ /^web_t\s*\(/;				# checked above
		next if $arg =~ /^\w+$/ && $raw !~ /\b\Q$arg\E\s*=\s*web_t\s*\(/;	# not a message
		next if $arg =~ /\?/ && $arg !~ /web_t/;		# a choice between literals
		my $ln = 1 + (substr($src, 0, $p) =~ tr/\n//);
		finding("$f:$ln: $fn() takes a message kept in a variable as its format; pass web_t(lang, ID) itself") if $arg =~ /web_t/ || $arg =~ /^\w+$/;
	}
}
exit($bad ? 1 : 0);
' && echo "banned: no banned function, every message format checked"
