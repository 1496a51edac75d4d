#!/usr/bin/env bash
# publiccode.yml has what the Standard for Public Code's publiccode.yml
# (standard v0.4) requires: the top-level keys, a description in nl and en
# each with shortDescription (at most 150 characters), longDescription
# (at least 150) and features, legal.license, maintenance.type,
# localisation with availableLanguages, and the values from the standard's
# lists for developmentStatus, softwareType and maintenance.type. (No
# validator for publiccode.yml is packaged for npm or Debian; the reference
# one, publiccode-parser, is a Go program.) A small reader of the YAML
# subset the file uses: "key: value", nested by indentation, "- item" lists
# and ">-" folded blocks. Prints what is missing and exits 1 if anything is.
# usage: scripts/lint/publiccode.sh [FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec perl -e '
use strict; use warnings;
my $file = shift;
open(my $fh, "<", $file) or die "publiccode: cannot read $file: $!\n";
my (@stack, %v, $block, $bind);
while (my $l = <$fh>) {
	chomp $l;
	next if $l =~ /^\s*(#|$)/;
	my ($ind) = $l =~ /^( *)/;
	my $n = length $ind;
	if (defined $block) {
		if ($n > $bind) { $v{$block} .= ($v{$block} eq "" ? "" : " ") . ($l =~ s/^\s+//r); next; }
		undef $block;
	}
	pop @stack while @stack && $stack[-1][0] >= $n;
	my $path = join("/", map { $_->[1] } @stack);
	if ($l =~ /^\s*-\s*(.*)$/) {
		$v{$path} = ($v{$path} || 0) + 1;	# list items counted
		my $item = $1;
		if ($item =~ /^(\w+):\s*(.*)$/) { $v{"$path/-/$1"} = $2; }
		next;
	}
	next unless $l =~ /^\s*([\w.-]+):\s*(.*?)\s*$/;
	my ($k, $val) = ($1, $2);
	my $p = $path eq "" ? $k : "$path/$k";
	$val =~ s/^"(.*)"$/$1/;
	if ($val eq ">-" || $val eq ">" || $val eq "|") { $v{$p} = ""; $block = $p; $bind = $n; }
	else { $v{$p} = $val; }
	push @stack, [$n, $k];
}
my @miss;
for my $k (qw(publiccodeYmlVersion name url softwareVersion releaseDate platforms categories
	      developmentStatus softwareType legal/license maintenance/type
	      localisation/localisationReady localisation/availableLanguages)) {
	push @miss, "$k is missing" unless defined $v{$k} && $v{$k} ne "";
}
for my $lang (qw(nl en)) {
	for my $k (qw(shortDescription longDescription features)) {
		push @miss, "description/$lang/$k is missing" unless $v{"description/$lang/$k"};
	}
	my $s = $v{"description/$lang/shortDescription"} // "";
	my $d = $v{"description/$lang/longDescription"} // "";
	push @miss, "description/$lang/shortDescription is over 150 characters" if length($s) > 150;
	push @miss, "description/$lang/longDescription is under 150 characters" if length($d) < 150;
}
my %allowed = (
	developmentStatus => [qw(concept development beta stable obsolete)],
	softwareType => ["standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
			 "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"],
	"maintenance/type" => [qw(internal contract community none)],
);
for my $k (sort keys %allowed) {
	my $x = $v{$k} // next;
	push @miss, "$k \"$x\" is not one of: @{$allowed{$k}}" unless grep { $_ eq $x } @{$allowed{$k}};
}
push @miss, "releaseDate is not YYYY-MM-DD" unless ($v{releaseDate} // "") =~ /^\d{4}-\d\d-\d\d$/;
push @miss, "maintenance/contacts is missing (type internal or contract needs contacts)"
	if ($v{"maintenance/type"} // "") =~ /^(internal|contract)$/ && !$v{"maintenance/contacts"};
if (@miss) { print "$file: $_\n" for @miss; exit 1; }
print "publiccode: $file has the keys of publiccode.yml v0.4\n";
' "${1:-publiccode.yml}"
