<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>PersonTerms</name>
    <message>
        <source>Poor household</source>
        <translation>Hộ nghèo</translation>
    </message>
    <message>
        <source>Near-poor household</source>
        <translation>Hộ cận nghèo</translation>
    </message>
    <message>
        <source>Not poor</source>
        <translation>Không thuộc hộ nghèo</translation>
    </message>
    <message>
        <source>Not in school</source>
        <translation>Không đi học</translation>
    </message>
    <message>
        <source>Studying</source>
        <translation>Đang đi học</translation>
    </message>
    <message>
        <source>Finished school</source>
        <translation>Đã tốt nghiệp</translation>
    </message>
    <message>
        <source>Living with HIV</source>
        <translation>Có HIV</translation>
    </message>
    <message>
        <source>Not living with HIV</source>
        <translation>Không có HIV</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Ảnh</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Giấy tờ</translation>
    </message>
    <message>
        <source>Living here</source>
        <translation>Đang ở</translation>
    </message>
    <message>
        <source>Left the facility</source>
        <translation>Đã rời đi</translation>
    </message>
    <message>
        <source>Under 4</source>
        <translation>Dưới 4 tuổi</translation>
    </message>
    <message>
        <source>4–15</source>
        <translation>4–15 tuổi</translation>
    </message>
    <message>
        <source>16–21</source>
        <translation>16–21 tuổi</translation>
    </message>
    <message>
        <source>22–59</source>
        <translation>22–59 tuổi</translation>
    </message>
    <message>
        <source>60–79</source>
        <translation>60–79 tuổi</translation>
    </message>
    <message>
        <source>80 and over</source>
        <translation>Từ 80 tuổi</translation>
    </message>
    <message>
        <source>Age unknown</source>
        <translation>Không rõ tuổi</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>Same citizen ID (CCCD) number</source>
        <translation>Trùng số CCCD</translation>
    </message>
    <message>
        <source>Same name, year of birth and commune</source>
        <translation>Trùng họ tên, năm sinh và xã/phường</translation>
    </message>
</context>
</TS>
