<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DeclarationFields</name>
    <message>
        <source>Do you have any of these symptoms today?</source>
        <translation>您今天有以下症状吗？</translation>
    </message>
    <message>
        <source>Cities or places visited in the last 14 days (separate with commas)</source>
        <translation>近 14 天去过的城市或地点（用逗号分隔）</translation>
    </message>
    <message>
        <source>For example: Shanghai, Suzhou</source>
        <translation>例如：上海，苏州</translation>
    </message>
    <message>
        <source>In the last 14 days, were you in contact with a confirmed case?</source>
        <translation>近 14 天内是否接触过确诊病例？</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>DeclarationScreen</name>
    <message>
        <source>Health declaration</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>{name}, this site asks for a health declaration today before entry.</source>
        <translation>{name}，本厂区要求进入前先填写今日健康申报。</translation>
    </message>
    <message>
        <source>By confirming, you declare that these answers are true.</source>
        <translation>确认即表示您声明以上内容真实。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Do not declare</source>
        <translation>不申报</translation>
    </message>
    <message>
        <source>Confirm declaration</source>
        <translation>确认申报</translation>
    </message>
</context>
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
        <extracomment>What follows the first-run screen, and starts an installed site: the home window unless another screen (the kiosk) is given.</extracomment>
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
    <name>KioskTexts</name>
    <message>
        <source>PASS</source>
        <translation>通行</translation>
    </message>
    <message>
        <source>RECHECK</source>
        <translation>复测</translation>
    </message>
    <message>
        <source>DENIED</source>
        <translation>禁止通行</translation>
    </message>
    <message>
        <source>ALREADY RECORDED</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>进</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Temperature normal. Welcome.</source>
        <translation>体温正常，欢迎进入。</translation>
    </message>
    <message>
        <source>The temperature is at or above the limit. Please wait a moment: a second reading is needed.</source>
        <translation>体温达到或超过限值。请稍候，需要再测一次。</translation>
    </message>
    <message>
        <source>The second reading is normal. Welcome.</source>
        <translation>复测体温正常，欢迎进入。</translation>
    </message>
    <message>
        <source>The second reading confirms a raised temperature. Entry is not allowed.</source>
        <translation>复测仍然体温偏高，不能进入。</translation>
    </message>
    <message>
        <source>This person is no longer active in the registry.</source>
        <translation>此人在人员名册中已停用。</translation>
    </message>
    <message>
        <source>A health declaration for today is required before entry.</source>
        <translation>进入前须填写今日健康申报。</translation>
    </message>
    <message>
        <source>The health declaration reports symptoms or contact with a confirmed case.</source>
        <translation>健康申报中有症状或与确诊病例有接触。</translation>
    </message>
    <message>
        <source>This badge is not genuine: it is forged or has been altered.</source>
        <translation>此工牌无效：系伪造或已被篡改。</translation>
    </message>
    <message>
        <source>This badge was replaced by a newer one and is no longer valid.</source>
        <translation>此工牌已被新工牌取代，不再有效。</translation>
    </message>
    <message>
        <source>This badge or visitor pass has expired.</source>
        <translation>此工牌或访客通行证已过期。</translation>
    </message>
    <message>
        <source>This badge was issued by another site.</source>
        <translation>此工牌由其他厂区签发。</translation>
    </message>
    <message>
        <source>This badge belongs to nobody in this site&apos;s registry.</source>
        <translation>本厂区名册中没有此工牌的持有人。</translation>
    </message>
    <message>
        <source>This code is not a gatekeeper badge, or it could not be read whole.</source>
        <translation>这不是 gatekeeper 工牌的二维码，或者没有完整读取。</translation>
    </message>
    <message>
        <source>Check-out closed automatically at the end of the day.</source>
        <translation>当日未登记离开，已由系统自动登记离开。</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Cough</source>
        <translation>咳嗽</translation>
    </message>
    <message>
        <source>Sore throat</source>
        <translation>咽痛</translation>
    </message>
    <message>
        <source>Shortness of breath</source>
        <translation>呼吸困难</translation>
    </message>
    <message>
        <source>Loss of taste or smell</source>
        <translation>味觉或嗅觉减退</translation>
    </message>
    <message>
        <source>Unusual tiredness</source>
        <translation>异常乏力</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation>被访人</translation>
    </message>
    <message>
        <source>Purpose of the visit</source>
        <translation>来访事由</translation>
    </message>
    <message>
        <source>Visitor or contractor</source>
        <translation>访客或承包商</translation>
    </message>
    <message>
        <source>Places visited in the last 14 days</source>
        <translation>近 14 天去过的地方</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Digits only, optionally starting with +.</source>
        <translation>只能填数字，开头可以加 +。</translation>
    </message>
    <message>
        <source>Contains characters that are not allowed.</source>
        <translation>含有不允许的字符。</translation>
    </message>
    <message>
        <source>Choose visitor or contractor.</source>
        <translation>请选择访客或承包商。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>At most {n} places, of up to 100 characters each.</source>
        <translation>最多 {n} 个地点，每个不超过 100 个字符。</translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in {seconds} s.</source>
        <translation>失败次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>This account may not do this.</source>
        <translation>此账号无权进行此操作。</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN 码错误，请重试。</translation>
    </message>
    <message>
        <source>Camera starting…</source>
        <translation>摄像头启动中…</translation>
    </message>
    <message>
        <source>Camera ready</source>
        <translation>摄像头就绪</translation>
    </message>
    <message>
        <source>Camera lost: reconnecting…</source>
        <translation>摄像头断开：正在重新连接…</translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation>摄像头已停止</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>The thermometer reports a problem: {message}</source>
        <extracomment>A code that stays in view is acted on once; it counts as new after this long out of view. How long the visitor pass stays on screen when nobody presses Done. The amber screen moves on to the second reading after at most this long. manual | hid | serial | sim: how temperatures arrive when there is no device object. The name readings are stored under, and calibration offsets are kept for. Emitted after every finished screening outcome shown (tests and logs). The kiosk closed (after shutdown).</extracomment>
        <translation>体温计报告故障：{message}</translation>
    </message>
    <message>
        <source>{value} is outside the plausible range {low}–{high} °C: a measurement error. Please re-measure.</source>
        <translation>{value} 不在合理范围 {low}–{high} °C 内，属于测量错误。请重新测量。</translation>
    </message>
    <message>
        <source>“{value}” is not a temperature. Type it like 36.6.</source>
        <translation>“{value}”不是体温读数。请按 36.6 这样的格式输入。</translation>
    </message>
    <message>
        <source>Already recorded at {time} ({direction}). No new entry was made.</source>
        <translation>已于 {time} 记录（{direction}），本次不重复记录。</translation>
    </message>
    <message>
        <source>Show visitor pass</source>
        <translation>查看访客通行证</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一位</translation>
    </message>
    <message>
        <source>{direction} · {time}</source>
        <translation>{direction} · {time}</translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation>第二次测量</translation>
    </message>
    <message>
        <source>Security has been alerted.</source>
        <translation>已通知安保人员。</translation>
    </message>
    <message>
        <source>Please ask the guard for help.</source>
        <translation>请向门卫求助。</translation>
    </message>
    <message>
        <source>Second reading in {seconds} s</source>
        <translation>{seconds} 秒后第二次测量</translation>
    </message>
    <message>
        <source>Visitor pass in {seconds} s</source>
        <translation>{seconds} 秒后显示访客通行证</translation>
    </message>
    <message>
        <source>Next person in {seconds} s</source>
        <translation>{seconds} 秒后请下一位</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Nothing was recorded. Please try again or ask the guard.</source>
        <translation>本次没有任何记录。请重试或向门卫求助。</translation>
    </message>
    <message>
        <source>The kiosk could not finish this step ({error}).</source>
        <translation>终端未能完成这一步（{error}）。</translation>
    </message>
    <message>
        <source>Attended (guard signs in)</source>
        <translation>有人值守（门卫签到）</translation>
    </message>
    <message>
        <source>Self-service (no guard)</source>
        <translation>自助（无门卫）</translation>
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
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation>发热阈值</translation>
    </message>
    <message>
        <source>gatekeeper kiosk — {gate}, {site}</source>
        <translation>gatekeeper 门岗终端 — {site} {gate}</translation>
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
<context>
    <name>LookupScreen</name>
    <message>
        <source>(inactive)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or ask the guard.</source>
        <translation>没有找到。请检查输入，或向门卫求助。</translation>
    </message>
    <message>
        <source>Type at least a few letters or digits.</source>
        <translation>请输入几个字或数字。</translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation>忘带工牌</translation>
    </message>
    <message>
        <source>Find yourself by staff number, name or phone number.</source>
        <translation>按工号、姓名或手机号查找自己。</translation>
    </message>
    <message>
        <source>Staff number, name or phone</source>
        <translation>工号、姓名或手机号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This is me</source>
        <translation>就是我</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>ScanningScreen</name>
    <message>
        <source>Camera not available</source>
        <translation>摄像头不可用</translation>
    </message>
    <message>
        <source>Reconnecting automatically. Meanwhile, use “Forgot badge”.</source>
        <translation>正在自动重新连接。在此期间，请使用“忘带工牌”。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation>摄像头已停止</translation>
    </message>
    <message>
        <source>Guard on duty: {name}</source>
        <translation>值班门卫：{name}</translation>
    </message>
    <message>
        <source>Self-service · no guard present</source>
        <translation>自助模式 · 无门卫值守</translation>
    </message>
    <message>
        <source>Show your badge</source>
        <translation>请出示工牌</translation>
    </message>
    <message>
        <source>Hold the QR code of your badge up to the camera.</source>
        <translation>请将工牌上的二维码对准摄像头。</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation>忘带工牌</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>End shift</source>
        <translation>交班</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Kiosk settings</source>
        <translation>终端设置</translation>
    </message>
    <message>
        <source>Unlocked by {name}</source>
        <translation>由 {name} 解锁</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>End guard&apos;s shift</source>
        <translation>门卫交班</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>关闭终端</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>返回扫码</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
    <message>
        <source>Guard sign-in</source>
        <translation>门卫签到</translation>
    </message>
    <message>
        <source>Choose your name and enter your PIN to start the shift.</source>
        <translation>选择您的名字并输入 PIN 码，开始值班。</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>门卫</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>No guard accounts yet. An officer adds them on this computer with: gatekeeper user add --role guard --username NAME</source>
        <translation>还没有门卫账号。请安全员在这台电脑上用以下命令添加：gatekeeper user add --role guard --username NAME</translation>
    </message>
</context>
<context>
    <name>TemperatureScreen</name>
    <message>
        <source>Measuring… hold still in front of the thermometer.</source>
        <extracomment>What may be typed: a number with one decimal separator, an optional degree sign and unit.</extracomment>
        <translation>正在测量…请在体温计前保持不动。</translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation>第二次测量</translation>
    </message>
    <message>
        <source>First reading: {value}</source>
        <translation>第一次读数：{value}</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Stand in front of the thermometer. The reading appears by itself.</source>
        <translation>请站在体温计前，读数会自动显示。</translation>
    </message>
    <message>
        <source>Take the temperature and type it in °F, for example 97.9.</source>
        <translation>测量体温后以 °F 输入，例如 97.9。</translation>
    </message>
    <message>
        <source>Take the temperature and type it in °C, for example 36.6.</source>
        <translation>测量体温后以 °C 输入，例如 36.6。</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>重新测量</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Officer sign-in</source>
        <translation>安全员登录</translation>
    </message>
    <message>
        <source>An officer or an admin must sign in to change the kiosk.</source>
        <translation>更改终端设置须由安全员或管理员登录。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>VisitorPassScreen</name>
    <message>
        <source>Visitor pass</source>
        <translation>访客通行证</translation>
    </message>
    <message>
        <source>Valid until {time} today</source>
        <translation>今日 {time} 前有效</translation>
    </message>
    <message>
        <source>Photograph this code with your phone, or print it. Show it to the camera to enter and leave today.</source>
        <translation>请用手机拍下此二维码，或打印出来。今天进出时向摄像头出示即可。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>VisitorScreen</name>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请修改标红的内容。</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>For visitors and contractors. Fields marked * are required.</source>
        <translation>适用于访客和承包商。带 * 的为必填项。</translation>
    </message>
    <message>
        <source>Whom are you visiting?</source>
        <translation>您拜访哪位？</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>I am a</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Health declaration</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>承包商</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Register and take temperature</source>
        <translation>登记并测体温</translation>
    </message>
</context>
</TS>
