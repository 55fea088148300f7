# bash completion for journey(1)                           -*- shell-script -*-
#
# Install as share/bash-completion/completions/journey (cmake --install does),
# or source it from ~/.bashrc.  Completes commands, each command's options,
# their values (formats, kinds, lanes, warnings, templates, the personas of
# the map on the command line) and .journey files (.mmd for convert).  The lists follow
# `journey help COMMAND`; tests/editors/test_completion.py keeps them so.
# shellcheck shell=bash disable=SC2207

_journey_commands="check render report export fmt diff convert init lsp help"
_journey_diag_opts="-I --import-root -W --max-errors --color --diagnostics"
_journey_warnings="unused-persona unused-channel unused-team unused-kpi empty-stage no-persona missing-emotion unaddressed-pain no-evidence emotion-cliff overdue-review no-review unsolved-pain unsolved-severe-pain orphan-opportunity baseline-state"
_journey_lanes="steps storyboard touchpoints thoughts emotions pains opportunities artifacts interaction frontstage visibility backstage internal support owners metrics notes evidence"

# The options of a command.
_journey_options()
{
    case $1 in
        check) echo "$_journey_diag_opts --stdin-filename -h --help" ;;
        render) echo "-o --output -T --format --persona --lanes --rows --paper --scale --theme --background --no-cards --tag --compare $_journey_diag_opts --stdin-filename -h --help" ;;
        report) echo "-k --kind -o --output --format --tag --persona --portfolio --raw --bom $_journey_diag_opts -h --help" ;;
        export) echo "-f --format -o --output $_journey_diag_opts -h --help" ;;
        fmt) echo "-w --write -d --diff -l --list --check --stdin-filename --max-errors --color --diagnostics -h --help" ;;
        diff) echo "-f --format --exit-code $_journey_diag_opts -h --help" ;;
        convert) echo "--from -o --output --max-errors --color --diagnostics -h --help" ;;
        init) echo "-t --template --list-templates -h --help" ;;
        lsp) echo "--stdio -h --help" ;;
    esac
}

# Whether option $2 of command $1 takes the next word as its value.
_journey_takes_value()
{
    case $2 in
        -I | -W | --max-errors | --diagnostics) [[ $1 != init ]] ;;
        --import-root) [[ $1 != init && $1 != fmt ]] ;;
        --stdin-filename) [[ $1 == check || $1 == fmt || $1 == render ]] ;;
        -o | --output) [[ $1 == render || $1 == report || $1 == export || $1 == convert ]] ;;
        --from) [[ $1 == convert ]] ;;
        -T) [[ $1 == render ]] ;;
        -f) [[ $1 == export || $1 == diff ]] ;;
        --format) [[ $1 == render || $1 == report || $1 == export || $1 == diff ]] ;;
        --persona | --tag) [[ $1 == render || $1 == report ]] ;;
        --lanes | --rows | --paper | --scale | --theme | --background) [[ $1 == render ]] ;;
        -k | --kind) [[ $1 == report ]] ;;
        -t | --template) [[ $1 == init ]] ;;
        *) false ;;
    esac
}

# The persona ids of the first map on the line of command $2 (its words
# from $3 on), running journey $1:
# from the checked map (imports included), else from its text.
_journey_personas()
{
    local journey=$1 cmd=$2 map="" w prev=""
    local -a incs=()
    shift 2
    for w in "$@"; do
        if [[ $prev == -I || $prev == --import-root ]]; then
            incs+=("$prev" "$w")
        elif [[ -z $map && $w == *.journey && -f $w ]] && ! _journey_takes_value "$cmd" "$prev"; then
            map=$w
        fi
        prev=$w
    done
    [[ -n $map ]] || return
    local ids=""
    if command -v -- "$journey" > /dev/null 2>&1; then
        ids=$("$journey" report "${incs[@]}" --kind personas -- "$map" 2> /dev/null | sed -e 1d -e 's/,.*//')
    fi
    if [[ -z $ids ]]; then
        ids=$(sed -n -e 's/^[[:space:]]*persona[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_-]*\)[[:space:]]*".*/\1/p' -- "$map" 2> /dev/null)
    fi
    echo "$ids"
}

# The template names, from journey itself when it runs.
_journey_templates()
{
    local names=""
    if command -v -- "$1" > /dev/null 2>&1; then
        names=$("$1" init --list-templates 2> /dev/null | sed 's/[[:space:]].*//')
    fi
    echo "${names:-retail-purchase saas-onboarding service-blueprint starter}"
}

# Files that start with $2 ($1: -d directories, -f any file, -j maps and
# directories, -m Mermaid diagrams and directories).
_journey_files()
{
    compopt -o filenames 2> /dev/null
    local IFS=$'\n'
    case $1 in
        -d) COMPREPLY=($(compgen -d -- "$2")) ;;
        -f) COMPREPLY=($(compgen -f -- "$2")) ;;
        -j) COMPREPLY=($(compgen -d -- "$2") $(compgen -f -X '!*.journey' -- "$2")) ;;
        -m) COMPREPLY=($(compgen -d -- "$2") $(compgen -f -X '!*.mmd' -- "$2") $(compgen -f -X '!*.mermaid' -- "$2")) ;;
    esac
}

# Candidates for the value $3 of option $2 of command $1; then the journey
# command to run and the words of the line (for --persona, --template).
_journey_values()
{
    local cmd=$1 opt=$2 cur=$3
    shift 3
    case $opt in
        -W)
            local w all="all no-all error"
            for w in $_journey_warnings; do all+=" $w no-$w"; done
            COMPREPLY=($(compgen -W "$all" -- "$cur"))
            ;;
        --diagnostics) COMPREPLY=($(compgen -W "text json sarif github" -- "$cur")) ;;
        --color | --colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")) ;;
        --max-errors) COMPREPLY=() ;;
        -I | --import-root) _journey_files -d "$cur" ;;
        --from) COMPREPLY=($(compgen -W "mermaid" -- "$cur")) ;;
        -o | --output) _journey_files -f "$cur" ;;
        -T | -f | --format)
            case $cmd in
                render) COMPREPLY=($(compgen -W "svg png pdf dot html" -- "$cur")) ;;
                report) COMPREPLY=($(compgen -W "csv tsv markdown md xlsx" -- "$cur")) ;;
                export) COMPREPLY=($(compgen -W "json mermaid" -- "$cur")) ;;
                diff) COMPREPLY=($(compgen -W "text markdown json" -- "$cur")) ;;
            esac
            ;;
        -k | --kind)
            COMPREPLY=($(compgen -W "steps pains opportunities touchpoints personas metrics summary stages owners step-owners all" -- "$cur"))
            ;;
        --tag) COMPREPLY=() ;;
        -t | --template) COMPREPLY=($(compgen -W "$(_journey_templates "$1")" -- "$cur")) ;;
        --persona) COMPREPLY=($(compgen -W "$(_journey_personas "$1" "$cmd" "${@:2}")" -- "$cur")) ;;
        --rows) COMPREPLY=($(compgen -W "auto 1 2 3 4" -- "$cur")) ;;
        --paper)
            local papers="a4 a3 a2 a1 a0 letter tabloid" all="" p
            for p in $papers; do all+=" $p $p-landscape"; done
            COMPREPLY=($(compgen -W "$all" -- "$cur"))
            ;;
        --scale) COMPREPLY=($(compgen -W "1 2 3" -- "$cur")) ;;
        --theme) COMPREPLY=($(compgen -W "light dark print" -- "$cur")) ;;
        --background) COMPREPLY=($(compgen -W "transparent white black" -- "$cur")) ;;
        --lanes)
            # A comma-separated list: complete its last name, keeping the
            # names before it and offering only the lanes not yet listed.
            local head="" last=$cur lane
            if [[ $cur == *,* ]]; then
                head=${cur%,*},
                last=${cur##*,}
            fi
            local -a left=()
            for lane in $_journey_lanes; do
                [[ ,$head == *,$lane,* ]] || left+=("$lane")
            done
            COMPREPLY=($(compgen -P "$head" -W "${left[*]}" -- "$last"))
            compopt -o nospace 2> /dev/null
            ;;
    esac
}

_journey()
{
    COMPREPLY=()
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local journey=${COMP_WORDS[0]}

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$_journey_commands -h --help --version" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]}
    local -a line=("${COMP_WORDS[@]:2}")
    if [[ $cmd == help ]]; then
        ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W "$_journey_commands" -- "$cur"))
        return
    fi
    [[ -n $(_journey_options "$cmd") ]] || return

    # --opt=value: split by bash at '=' (in COMP_WORDBREAKS by default) into
    # "--opt" "=" "value", or one word when '=' is not a word break.
    if [[ $cur == "=" && $prev == --* ]]; then
        _journey_values "$cmd" "$prev" "" "$journey" "${line[@]}"
        return
    fi
    if [[ $prev == "=" ]] && ((COMP_CWORD > 2)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then
        _journey_values "$cmd" "${COMP_WORDS[COMP_CWORD - 2]}" "$cur" "$journey" "${line[@]}"
        return
    fi
    if [[ $cur == --*=* ]]; then
        _journey_values "$cmd" "${cur%%=*}" "${cur#*=}" "$journey" "${line[@]}"
        local i
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${cur%%=*}=${COMPREPLY[i]}; done
        return
    fi
    if [[ $cur == -W?* && $cmd != init ]]; then # -Wno-unused-persona, in one word
        _journey_values "$cmd" -W "${cur#-W}"
        COMPREPLY=("${COMPREPLY[@]/#/-W}")
        return
    fi
    if _journey_takes_value "$cmd" "$prev"; then
        _journey_values "$cmd" "$prev" "$cur" "$journey" "${line[@]}"
        return
    fi

    # Options, unless "--" ended them; then maps.
    local w options=true
    for w in "${COMP_WORDS[@]:2:COMP_CWORD-2}"; do
        [[ $w == -- ]] && options=false
    done
    if $options && [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_journey_options "$cmd")" -- "$cur"))
        return
    fi
    if [[ $cmd == convert ]]; then
        _journey_files -m "$cur"
    else
        _journey_files -j "$cur"
    fi
} &&
    complete -F _journey journey
