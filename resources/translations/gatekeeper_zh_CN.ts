<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ErrorReporter</name>
    <message>
        <source>gatekeeper</source>
        <translation>gatekeeper</translation>
    </message>
    <message>
        <source>gatekeeper ran into a problem it did not expect.</source>
        <translation>gatekeeper 遇到了一个意外的问题。</translation>
    </message>
    <message>
        <source>The details were written to {log}. Please send that file to whoever looks after this gate. You can go on working or quit.</source>
        <translation>详细信息已写入 {log}。请把这个文件发给负责本门岗的管理员。您可以继续使用，也可以退出。</translation>
    </message>
    <message>
        <source>Please tell whoever looks after this gate. You can go on working or quit.</source>
        <translation>请告知负责本门岗的管理员。您可以继续使用，也可以退出。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>“{zone}” is not a time zone this computer knows. Choose one from the list, such as Asia/Shanghai.</source>
        <translation>本机不认识时区“{zone}”。请从列表中选择，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>gatekeeper — set up this gate</source>
        <translation>gatekeeper — 设置本门岗</translation>
    </message>
    <message>
        <source>Welcome to gatekeeper</source>
        <translation>欢迎使用 gatekeeper</translation>
    </message>
    <message>
        <source>Tell gatekeeper where it is working. This takes a minute and is done once for this computer; you can add staff and print badges next.</source>
        <translation>请告诉 gatekeeper 它在哪里工作。只需一分钟，每台电脑只设置一次；完成后即可添加员工、打印工牌。</translation>
    </message>
    <message>
        <source>&amp;Site name</source>
        <translation>厂区名称(&amp;S)</translation>
    </message>
    <message>
        <source>For example: Shenzhen Plant 2</source>
        <translation>例如：深圳二厂</translation>
    </message>
    <message>
        <source>The factory or campus, as people there call it.</source>
        <translation>工厂或园区的名称，按大家平时的叫法填写。</translation>
    </message>
    <message>
        <source>&amp;Gate name</source>
        <translation>门岗名称(&amp;G)</translation>
    </message>
    <message>
        <source>For example: North Gate</source>
        <translation>例如：北门</translation>
    </message>
    <message>
        <source>The entrance where this computer stands.</source>
        <translation>这台电脑所在的出入口。</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>时区(&amp;T)</translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown to people in this zone.</source>
        <translation>时间统一按 UTC 保存，显示时换算为此时区。</translation>
    </message>
    <message>
        <source>Data will be kept in {path}</source>
        <translation>数据将保存在 {path}</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>GateApp</name>
    <message>
        <source>The data folder {path} cannot be created: {reason}</source>
        <translation>无法创建数据文件夹 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>HomeWindow</name>
    <message>
        <source>The registry could not be read: {reason}</source>
        <translation>无法读取人员名册：{reason}</translation>
    </message>
    <message>
        <source>Nobody is registered yet. Start with the first step below.</source>
        <translation>还没有登记任何人员。请从下面的第 1 步开始。</translation>
    </message>
    <message>
        <source>people registered at this site</source>
        <translation>本厂区已登记人数</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>gatekeeper — {gate}, {site}</source>
        <translation>gatekeeper — {site} · {gate}</translation>
    </message>
    <message>
        <source>This gate</source>
        <translation>本门岗</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>厂区</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>人员名册</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>1. Add your staff from a .csv or .xlsx file (add --help to the command to see the columns it reads):</source>
        <translation>1. 从 .csv 或 .xlsx 文件导入员工（在命令后加 --help 可查看需要哪些列）：</translation>
    </message>
    <message>
        <source>2. Print a badge for everyone:</source>
        <translation>2. 为所有人打印工牌：</translation>
    </message>
    <message>
        <source>Every command, with its options:</source>
        <translation>全部命令及其选项：</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation>把命令复制到剪贴板</translation>
    </message>
    <message>
        <source>gatekeeper {version}. Run the commands in a terminal on this computer. The screening kiosk and the review console are not part of this version yet.</source>
        <translation>gatekeeper {version}。请在本机的终端中运行以上命令。本版本暂不包含筛查终端和审核控制台。</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language of the screens</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
</TS>
