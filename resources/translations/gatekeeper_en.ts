<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>DeclarationFields</name>
    <message>
        <source>Do you have any of these symptoms today?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cities or places visited in the last 14 days (separate with commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Shanghai, Suzhou</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the last 14 days, were you in contact with a confirmed case?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeclarationScreen</name>
    <message>
        <source>Health declaration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}, this site asks for a health declaration today before entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By confirming, you declare that these answers are true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not declare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm declaration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <extracomment>What follows the first-run screen, and starts an installed site: the home window unless another screen (the kiosk) is given.</extracomment>
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
    <name>KioskTexts</name>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECHECK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DENIED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALREADY RECORDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature normal. Welcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The temperature is at or above the limit. Please wait a moment: a second reading is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The second reading is normal. Welcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The second reading confirms a raised temperature. Entry is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person is no longer active in the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A health declaration for today is required before entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The health declaration reports symptoms or contact with a confirmed case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This badge is not genuine: it is forged or has been altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This badge was replaced by a newer one and is no longer valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This badge or visitor pass has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This badge was issued by another site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This badge belongs to nobody in this site&apos;s registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is not a gatekeeper badge, or it could not be read whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-out closed automatically at the end of the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sore throat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortness of breath</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss of taste or smell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unusual tiredness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose of the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitor or contractor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places visited in the last 14 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits only, optionally starting with +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contains characters that are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose visitor or contractor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {n} places, of up to 100 characters each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera lost: reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>The thermometer reports a problem: {message}</source>
        <extracomment>A code that stays in view is acted on once; it counts as new after this long out of view. How long the visitor pass stays on screen when nobody presses Done. The amber screen moves on to the second reading after at most this long. manual | hid | serial | sim: how temperatures arrive when there is no device object. The name readings are stored under, and calibration offsets are kept for. Emitted after every finished screening outcome shown (tests and logs). The kiosk closed (after shutdown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is outside the plausible range {low}–{high} °C: a measurement error. Please re-measure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a temperature. Type it like 36.6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already recorded at {time} ({direction}). No new entry was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show visitor pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{direction} · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security has been alerted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please ask the guard for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second reading in {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitor pass in {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next person in {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was recorded. Please try again or ask the guard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk could not finish this step ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attended (guard signs in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-service (no guard)</source>
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
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gatekeeper kiosk — {gate}, {site}</source>
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
<context>
    <name>LookupScreen</name>
    <message>
        <source>(inactive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or ask the guard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type at least a few letters or digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find yourself by staff number, name or phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number, name or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanningScreen</name>
    <message>
        <source>Camera not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting automatically. Meanwhile, use “Forgot badge”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard on duty: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-service · no guard present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show your badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the QR code of your badge up to the camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End shift</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Kiosk settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked by {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End guard&apos;s shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Choose your name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your name and enter your PIN to start the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No guard accounts yet. An officer adds them on this computer with: gatekeeper user add --role guard --username NAME</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemperatureScreen</name>
    <message>
        <source>Measuring… hold still in front of the thermometer.</source>
        <extracomment>What may be typed: a number with one decimal separator, an optional degree sign and unit.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First reading: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stand in front of the thermometer. The reading appears by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the temperature and type it in °F, for example 97.9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the temperature and type it in °C, for example 36.6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Officer sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An officer or an admin must sign in to change the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitorPassScreen</name>
    <message>
        <source>Visitor pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until {time} today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photograph this code with your phone, or print it. Show it to the camera to enter and leave today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitorScreen</name>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For visitors and contractors. Fields marked * are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whom are you visiting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health declaration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register and take temperature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
