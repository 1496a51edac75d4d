#!/usr/bin/env bash
# Every tracked file is named in its folder's README: for each folder that
# has a tracked README.md, every tracked file directly in it (git ls-files;
# subfolders are checked through their own README, or named as folders)
# must appear in that README as a word of its own (`name`, a path ending in
# /name, or the name in a table cell). Run by ctest (readme_files) and by
# `make lint`. No exemptions: data corpora and case folders have a README
# of their own, or are named as a folder by their parent's README.
# Prints each unnamed file and exits 1 if there is any.
# usage: tests/readme_files.sh
set -uo pipefail
cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "readme_files: not a git checkout; skipped"; exit 0; }
missing=0
while IFS= read -r readme; do
	dir=$(dirname "$readme")
	if [ "$dir" = . ]; then prefix=; spec=.; else prefix="$dir/"; spec=$prefix; fi
	while IFS= read -r f; do
		name=${f#"$prefix"}
		case $name in */*|README.md) continue ;; esac
		q=$(printf '%s' "$name" | sed 's/[][\.*^$/]/\\&/g')
		if ! grep -qE "(^|[^A-Za-z0-9_.-])$q([^A-Za-z0-9_-]|\$)" "$readme"; then
			echo "$readme does not name $f"
			missing=$((missing + 1))
		fi
	done < <(git ls-files -- "$spec" | grep -v "^$prefix.*/" | sort -u)
done < <(git ls-files -- 'README.md' '*/README.md')
if [ $missing -gt 0 ]; then
	echo "readme_files: $missing files not named in their folder's README.md"
	exit 1
fi
echo "readme_files: every file is named in its folder's README"
