<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ErrorReporter</name>
    <message>
        <source>gatekeeper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gatekeeper ran into a problem it did not expect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details were written to {log}. Please send that file to whoever looks after this gate. You can go on working or quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please tell whoever looks after this gate. You can go on working or quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>“{zone}” is not a time zone this computer knows. Choose one from the list, such as Asia/Shanghai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gatekeeper — set up this gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to gatekeeper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell gatekeeper where it is working. This takes a minute and is done once for this computer; you can add staff and print badges next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Shenzhen Plant 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The factory or campus, as people there call it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gate name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: North Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entrance where this computer stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown to people in this zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data will be kept in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GateApp</name>
    <message>
        <source>The data folder {path} cannot be created: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeWindow</name>
    <message>
        <source>The registry could not be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is registered yet. Start with the first step below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>people registered at this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gatekeeper — {gate}, {site}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Add your staff from a .csv or .xlsx file (add --help to the command to see the columns it reads):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Print a badge for everyone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every command, with its options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gatekeeper {version}. Run the commands in a terminal on this computer. The screening kiosk and the review console are not part of this version yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language of the screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
